"""The offline web UI: static HTML, JS and CSS served by dyad.api (no CDN)."""

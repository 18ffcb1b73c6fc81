"""Where did an event happen: an offline gazetteer, a geocoder and event place selection."""

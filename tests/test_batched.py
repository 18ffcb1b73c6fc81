import itertools

import pytest

from dyad.batched import batched


def test_batches_keep_order_and_the_last_is_short():
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]


def test_no_items_no_batches():
    assert list(batched([], 4)) == []


def test_lazy_on_an_endless_iterator():
    first = next(batched(itertools.count(), 2))
    assert first == [0, 1]


def test_size_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        next(batched([1], 0))

from __future__ import annotations

from kit.pagination import MAX_PAGE, MAX_PAGE_SIZE, Page, PageParams


def test_page_counts_pages_and_offsets() -> None:
    params = PageParams(page=3, page_size=20)

    page = Page[int].of([1, 2], total=41, params=params)

    assert params.offset == 40
    assert (page.pages, page.total, page.page) == (3, 41, 3)
    assert Page[int].of([], total=0, params=params).pages == 0


def test_the_deepest_page_offset_fits_postgresql_bigint() -> None:
    assert PageParams(page=MAX_PAGE, page_size=MAX_PAGE_SIZE).offset < 2**63

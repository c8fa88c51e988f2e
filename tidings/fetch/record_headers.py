"""The names of the WARC record headers in which `tidings fetch` archives what a feed or
sitemap entry says of a page, and by which the WARC reader gives it back to the article (as a
JSON Lines record's `title`, `published` and `outlet` keys would); and the header that marks a
feed's or a sitemap's own response, which the reader skips whatever its Content-Type (a feed
served as text/html is not an article). Extension headers, so not prefixed `WARC-` (WARC 1.1,
section 5)."""

TITLE_HEADER = "Tidings-Title"
PUBLISHED_HEADER = "Tidings-Published"
OUTLET_HEADER = "Tidings-Outlet"
LISTING_HEADER = "Tidings-Listing"

"""Who gets what from each case review address of the API (see `core.testing`). As on the
pages, a partnership's referrals and reviews are not there (404) for anyone without a case
review role; across partnerships, everyone signed in gets a list, holding only what their
roles let them see (see test_api). Signed out, the API answers 401."""

from safeboard.core.testing import EVERYONE, Ask, slug
from safeboard.reviews.tests.url_expectations import READ, referral, review

API_READ = {**READ, "anonymous": 401}
SIGNED_IN = {**dict.fromkeys(EVERYONE, 200), "anonymous": 401}

EXPECTATIONS = {
    "reviews-api:referrals-everywhere": Ask("get", {}, SIGNED_IN),
    "reviews-api:referrals": Ask("get", {"slug": slug}, API_READ),
    "reviews-api:referral": Ask("get", {"slug": slug, "pk": referral}, API_READ),
    "reviews-api:reviews": Ask("get", {"slug": slug}, API_READ),
    "reviews-api:review": Ask("get", {"slug": slug, "pk": review}, API_READ),
    "reviews-api:learning-products": Ask("get", {"slug": slug}, API_READ),
}

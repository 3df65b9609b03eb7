//! The navigation of a paginated list: a window of page numbers of constant
//! size around the current page, so that a list of many pages does not
//! print every page's link on each of them.

use tera::Value as TeraValue;

use super::job::{Pagination, page_path};
use super::values::object;
use crate::site::Site;

/// Page numbers the navigation of a paginated list shows around the
/// current page, on each side; with the first and last page and the gaps
/// between, `WINDOW_SLOTS` places whatever the number of pages.
const AROUND_CURRENT: usize = 2;
/// Places in a paginated list's navigation, gaps counted: as many as the
/// numbers of a list with that many pages, which are all shown.
pub const WINDOW_SLOTS: usize = 2 * AROUND_CURRENT + 5;

/// The page numbers shown on page `number` of `total` pages, each with
/// whether a gap (pages left out) comes before it: the first and last page
/// and the pages around the current one, the window slid inward near either
/// end so the navigation keeps `WINDOW_SLOTS` places, and a gap of one page
/// shown as that page.
pub fn window(number: usize, total: usize) -> Vec<(usize, bool)> {
    if total <= WINDOW_SLOTS {
        return (1..=total).map(|n| (n, false)).collect();
    }
    let inner = 2 * AROUND_CURRENT + 1;
    // Pages 1 and 2 (or a gap) come before the window, the last two after.
    let start = number
        .saturating_sub(AROUND_CURRENT)
        .clamp(3, total - 1 - inner);
    let end = start + inner - 1;
    let mut shown = vec![(1, false)];
    if start > 3 {
        shown.push((start, true));
    } else {
        shown.push((2, false));
        shown.push((start, false));
    }
    shown.extend((start + 1..=end).map(|n| (n, false)));
    if end < total - 2 {
        shown.push((total, true));
    } else {
        shown.push((total - 1, false));
        shown.push((total, false));
    }
    shown
}

/// The `paginator` variable of a page of the list at `base`: `pages` holds
/// the window of page numbers (`window`), each page after a gap marked
/// `gap_before`.
pub fn paginator(site: &Site, base: &str, page: &Pagination) -> TeraValue {
    let (number, total_pages, total) = (page.number, page.total_pages, page.total);
    let url = |n: usize| TeraValue::from(site.config.url(&page_path(base, n)));
    let pages: Vec<TeraValue> = window(number, total_pages)
        .into_iter()
        .map(|(n, gap_before)| {
            object([
                ("number", TeraValue::from(n)),
                ("url", url(n)),
                ("gap_before", TeraValue::from(gap_before)),
            ])
        })
        .collect();
    object([
        ("number", TeraValue::from(number)),
        ("total_pages", TeraValue::from(total_pages)),
        ("total_entries", TeraValue::from(total)),
        (
            "previous",
            if number > 1 {
                url(number - 1)
            } else {
                TeraValue::none()
            },
        ),
        (
            "next",
            if number < total_pages {
                url(number + 1)
            } else {
                TeraValue::none()
            },
        ),
        ("first", url(1)),
        ("last", url(total_pages)),
        ("pages", TeraValue::from(pages)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(number: usize, total: usize) -> Vec<usize> {
        window(number, total).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn short_lists_show_every_page() {
        for total in 1..=WINDOW_SLOTS {
            for number in 1..=total {
                let all: Vec<usize> = (1..=total).collect();
                assert_eq!(numbers(number, total), all, "page {number} of {total}");
            }
        }
    }

    #[test]
    fn long_lists_keep_the_same_places_and_reach_neighbours() {
        for total in [WINDOW_SLOTS + 1, 20, 372, 10_000] {
            for number in 1..=total {
                let shown = window(number, total);
                let gaps = shown.iter().filter(|(_, gap)| *gap).count();
                assert_eq!(shown.len() + gaps, WINDOW_SLOTS, "page {number} of {total}");
                let ns: Vec<usize> = shown.iter().map(|(n, _)| *n).collect();
                assert!(ns.windows(2).all(|w| w[0] < w[1]), "{ns:?}");
                assert_eq!((ns[0], ns[ns.len() - 1]), (1, total));
                for near in number.saturating_sub(AROUND_CURRENT).max(1)
                    ..=(number + AROUND_CURRENT).min(total)
                {
                    assert!(ns.contains(&near), "page {number} of {total}: {ns:?}");
                }
                for (i, &(n, gap)) in shown.iter().enumerate().skip(1) {
                    let after = shown[i - 1].0;
                    assert_eq!(gap, n > after + 1, "a gap marks left-out pages: {shown:?}");
                    assert!(!gap || n > after + 2, "a gap is never one page: {shown:?}");
                }
            }
        }
    }
}

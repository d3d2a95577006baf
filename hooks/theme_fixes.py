"""Small fixes to the theme's HTML where its templates offer no block to override.

The theme's search panel is a role="dialog" without a name, which screen
readers announce as an unnamed dialog (Lighthouse/axe: aria-dialog-name).
"""
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = SEARCH_DIALOG[:-1] + ' aria-label="Search">'


def on_post_page(output, page, config):
    return output.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)

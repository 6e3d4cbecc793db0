// Material's search dialog has no accessible name (WCAG 4.1.2): give it the one its input has.
document.querySelector('.md-search[role="dialog"]')?.setAttribute("aria-label", "Search");

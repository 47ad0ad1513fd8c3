/* Separators between a headline and the site or section name in page
 * titles: "Headline - Site", "Headline | Site", "标题_栏目_站名". Used where
 * text mode matches the page title against a headline (classify) and where
 * the site suffix is stripped from a page title (structure). */
#ifndef LEDE_TITLE_SEPARATORS_H
#define LEDE_TITLE_SEPARATORS_H

static const char *const title_separators[] = {
    " - ",        " | ",        " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
    " \xC2\xBB ", " \xC2\xB7 ", "\xEF\xBD\x9C", /* full-width vertical bar, East Asian sites */
    "_"};

#define TITLE_SEPARATOR_COUNT (sizeof title_separators / sizeof *title_separators)

#endif

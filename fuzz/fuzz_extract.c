/* libFuzzer target: any bytes through lede_extract and every renderer.
 * The first byte picks the input kind; the rest is the document. Beyond
 * the sanitizers' checks, it aborts when the JSON rendering is not valid
 * UTF-8 JSON, which the library promises for every input. */
#include <stdint.h>
#include <stdlib.h>

#include "../tests/json_check.h"
#include "lede.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return lede_init();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const lede_input kinds[] = {LEDE_INPUT_AUTO, LEDE_INPUT_HTML, LEDE_INPUT_TEXT};
    lede_options opts;
    lede_options_init(&opts);
    opts.input = kinds[data[0] % 3];
    opts.source = "fuzz";
    lede_doc *doc = lede_extract((const char *)data + 1, size - 1, &opts);
    if (!doc)
        return 0;
    size_t len;
    const char *json = lede_render(doc, LEDE_FORMAT_JSON, &len);
    if (!json || !json_valid(json, len))
        abort();
    const char *text = lede_render(doc, LEDE_FORMAT_TEXT, &len);
    if (!text || !strict_utf8_valid(text, len))
        abort();
    const char *md = lede_render(doc, LEDE_FORMAT_MARKDOWN, &len);
    if (!md || !strict_utf8_valid(md, len))
        abort();
    lede_doc_free(doc);
    return 0;
}

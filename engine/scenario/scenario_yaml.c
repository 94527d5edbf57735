/* scenario_yaml.c — YAML text to a small node tree in an arena.
 *
 * libyaml's document is copied out and deleted at once, so parser data never
 * outlives loading (architecture-anchors §3.6), and the loader walks a tree
 * that knows 1-based line and column of every node for diagnostics. */
#include "scenario_int.h"

#include <string.h>
#include <yaml.h>

/* Aliases share nodes in libyaml's document; expanding them into a tree can
 * grow exponentially ("billion laughs"), so the copy has a node budget. */
#define YNODE_BUDGET 200000
#define YNODE_MAX_DEPTH 64

struct ycopy {
    yaml_document_t *doc;
    struct arena *a;
    size_t budget;
    bool too_big, too_deep;
};

static struct ynode *copy_node(struct ycopy *c, yaml_node_t *n, int depth)
{
    if (!n) return NULL;
    if (depth > YNODE_MAX_DEPTH) {
        c->too_deep = true;
        return NULL;
    }
    if (c->budget == 0) {
        c->too_big = true;
        return NULL;
    }
    c->budget--;
    struct ynode *y = ARENA_PUSH_STRUCT(c->a, struct ynode);
    y->line = (int)n->start_mark.line + 1;
    y->col = (int)n->start_mark.column + 1;
    switch (n->type) {
    case YAML_SCALAR_NODE:
        y->kind = YNODE_SCALAR;
        y->len = n->data.scalar.length;
        y->str = arena_strndup(c->a, (const char *)n->data.scalar.value, y->len);
        y->plain = n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        y->quoted_double = n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
        break;
    case YAML_SEQUENCE_NODE: {
        y->kind = YNODE_SEQ;
        size_t count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
        y->items = ARENA_PUSH_ARRAY(c->a, struct ynode *, count ? count : 1);
        for (size_t i = 0; i < count; i++) {
            y->items[i] = copy_node(c, yaml_document_get_node(c->doc, n->data.sequence.items.start[i]), depth + 1);
            if (!y->items[i]) return NULL;
        }
        y->count = count;
        break;
    }
    case YAML_MAPPING_NODE: {
        y->kind = YNODE_MAP;
        size_t count = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
        y->items = ARENA_PUSH_ARRAY(c->a, struct ynode *, 2 * count + 1);
        for (size_t i = 0; i < count; i++) {
            yaml_node_pair_t *p = &n->data.mapping.pairs.start[i];
            y->items[2 * i] = copy_node(c, yaml_document_get_node(c->doc, p->key), depth + 1);
            if (!y->items[2 * i]) return NULL;
            y->items[2 * i + 1] = copy_node(c, yaml_document_get_node(c->doc, p->value), depth + 1);
            if (!y->items[2 * i + 1]) return NULL;
        }
        y->count = count;
        break;
    }
    case YAML_NO_NODE:
    default:
        return NULL;
    }
    return y;
}

/* Refuses a document nested deeper than YNODE_MAX_DEPTH while reading its
 * events, before libyaml builds anything: yaml_parser_load would first build
 * the whole tree (100k levels of "[[[[" took 45 s), and copy_node's limit
 * would only come afterwards. The stream is read again by the loader below;
 * scenario files are small, so the second pass costs little. Returns false
 * with a diagnostic at the first opening too deep; syntax errors are left to
 * the loader, which words them. */
static bool depth_within_limit(const char *text, size_t size, const char *file, struct scenario_diags *diags)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) return true; /* the loader reports it */
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, size);
    int depth = 0;
    bool ok = true;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) break;
        yaml_event_type_t t = ev.type;
        if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT) {
            if (++depth > YNODE_MAX_DEPTH) {
                scenario_diags_add(diags, SCENARIO_DIAG_ERROR, file, (int)ev.start_mark.line + 1,
                                   (int)ev.start_mark.column + 1,
                                   "the document is nested more than %d levels deep here; a scenario needs far "
                                   "fewer, so flatten the lists or mappings",
                                   YNODE_MAX_DEPTH);
                ok = false;
            }
        } else if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) {
            depth--;
        }
        yaml_event_delete(&ev);
        if (!ok || t == YAML_STREAM_END_EVENT) break;
    }
    yaml_parser_delete(&parser);
    return ok;
}

struct ynode *ynode_parse(const char *text, size_t size, const char *file, struct arena *a,
                          struct scenario_diags *diags)
{
    if (!depth_within_limit(text, size, file, diags)) return NULL;

    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) {
        scenario_diags_add(diags, SCENARIO_DIAG_ERROR, file, 0, 0, "cannot start the YAML parser (out of memory)");
        return NULL;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, size);
    if (!yaml_parser_load(&parser, &doc)) {
        /* libyaml reports the place where it noticed the problem; the
         * context (e.g. "while parsing a block mapping") helps less than
         * the problem itself, so it goes last. */
        yaml_mark_t m = parser.problem_mark;
        /* The commonest authoring slip gets a plain explanation: YAML
         * forbids tabs in indentation, and libyaml's wording hides that. */
        if (m.index < size && text[m.index] == '\t')
            scenario_diags_add(diags, SCENARIO_DIAG_ERROR, file, (int)m.line + 1, (int)m.column + 1,
                               "YAML syntax: a tab character here; YAML indents with spaces only");
        else if (parser.context)
            scenario_diags_add(diags, SCENARIO_DIAG_ERROR, file, (int)m.line + 1, (int)m.column + 1,
                               "YAML syntax: %s (%s at line %d)", parser.problem ? parser.problem : "error",
                               parser.context, (int)parser.context_mark.line + 1);
        else
            scenario_diags_add(diags, SCENARIO_DIAG_ERROR, file, (int)m.line + 1, (int)m.column + 1,
                               "YAML syntax: %s", parser.problem ? parser.problem : "error");
        yaml_parser_delete(&parser);
        return NULL;
    }
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    struct ynode *out = NULL;
    if (!root) {
        scenario_diags_add(diags, SCENARIO_DIAG_ERROR, file, 1, 1, "the file is empty");
    } else {
        struct ycopy c = {.doc = &doc, .a = a, .budget = YNODE_BUDGET};
        out = copy_node(&c, root, 0);
        if (c.too_deep)
            scenario_diags_add(diags, SCENARIO_DIAG_ERROR, file, 1, 1,
                               "the document is nested more than %d levels deep", YNODE_MAX_DEPTH);
        else if (c.too_big)
            scenario_diags_add(diags, SCENARIO_DIAG_ERROR, file, 1, 1,
                               "the document expands to more than %d nodes (aliases?)", YNODE_BUDGET);
        if (c.too_deep || c.too_big) out = NULL;
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return out;
}

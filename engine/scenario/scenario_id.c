/* scenario_id.c — validation of author-written ids (see scenario.h). */
#include "scenario.h"

#include <stdio.h>
#include <string.h>

#define SCENARIO_ID_MAX 64

static bool is_sep(char c)
{
    return c == '.' || c == '_' || c == '-';
}

bool scenario_id_valid(const char *id, char *why, size_t why_size)
{
    char dummy[1];
    if (!why) {
        why = dummy;
        why_size = sizeof dummy;
    }
    size_t n = strlen(id);
    if (n == 0) {
        snprintf(why, why_size, "an id cannot be empty");
        return false;
    }
    if (n > SCENARIO_ID_MAX) {
        snprintf(why, why_size, "id is %zu characters long; at most %d are allowed", n, SCENARIO_ID_MAX);
        return false;
    }
    if (!(id[0] >= 'a' && id[0] <= 'z')) {
        snprintf(why, why_size, "id must start with a lower-case letter a-z");
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || is_sep(c);
        if (!ok) {
            if (c >= 'A' && c <= 'Z')
                snprintf(why, why_size, "id has an upper-case letter '%c' at position %zu; ids are lower case", c, i + 1);
            else
                snprintf(why, why_size, "id has '%c' at position %zu; use only a-z, 0-9, '.', '_' and '-'", c, i + 1);
            return false;
        }
        if (is_sep(c) && (i + 1 == n || is_sep(id[i + 1]))) {
            snprintf(why, why_size, "id has a '%c' at position %zu that is doubled or ends the id", c, i + 1);
            return false;
        }
    }
    return true;
}

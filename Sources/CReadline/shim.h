// GNU readline and history. readline's globals are mutable C state, which Swift 6
// refuses to touch from Swift; the tiny accessors below keep that in C.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

static inline void inception_rl_set_completer(char **(*fn)(const char *, int, int)) {
    rl_attempted_completion_function = fn;
}
static inline void inception_rl_set_word_breaks(const char *breaks) {
    rl_basic_word_break_characters = (char *)breaks;
}
static inline void inception_rl_no_default_completion(void) {
    rl_attempted_completion_over = 1;
}
static inline const char *inception_rl_line_buffer(void) { return rl_line_buffer; }
static inline void inception_rl_set_app_name(const char *name) { rl_readline_name = name; }

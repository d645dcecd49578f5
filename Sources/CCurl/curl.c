// Resolves the slice of libcurl that ccurl.h wraps, once per process (see ccurl.h).
#include "ccurl.h"
#include "libraryloader.h"
#include <pthread.h>

static struct {
    __typeof__(&curl_easy_init) init;
    __typeof__(&curl_easy_cleanup) cleanup;
    __typeof__(&curl_easy_perform) perform;
    __typeof__(&curl_easy_strerror) strerror;
    __typeof__(&curl_easy_setopt) setopt;
    __typeof__(&curl_easy_getinfo) getinfo;
    __typeof__(&curl_slist_append) slist_append;
    __typeof__(&curl_slist_free_all) slist_free_all;
} api;
static char load_error[512];
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    const mk_symbol symbols[] = {
        {"curl_easy_init", (void **)&api.init}, {"curl_easy_cleanup", (void **)&api.cleanup},
        {"curl_easy_perform", (void **)&api.perform}, {"curl_easy_strerror", (void **)&api.strerror},
        {"curl_easy_setopt", (void **)&api.setopt}, {"curl_easy_getinfo", (void **)&api.getinfo},
        {"curl_slist_append", (void **)&api.slist_append}, {"curl_slist_free_all", (void **)&api.slist_free_all},
    };
    loaded = mk_load_library("libcurl.so.4", symbols, sizeof symbols / sizeof *symbols, load_error,
                             sizeof load_error) != NULL;
}

CURL *mlplab_curl_init(void) {
    pthread_once(&once, load);
    return loaded ? api.init() : NULL;
}
const char *mlplab_curl_error(void) {
    pthread_once(&once, load);
    return load_error;
}
// Every other call takes a handle, a list or a code that only exists once mlplab_curl_init has loaded libcurl.
void mlplab_curl_cleanup(CURL *c) { api.cleanup(c); }
CURLcode mlplab_curl_perform(CURL *c) { return api.perform(c); }
const char *mlplab_curl_strerror(CURLcode code) { return api.strerror(code); }
struct curl_slist *mlplab_curl_slist_append(struct curl_slist *list, const char *line) {
    pthread_once(&once, load);                       // the first list may come before the handle
    return loaded ? api.slist_append(list, line) : NULL;
}
void mlplab_curl_slist_free_all(struct curl_slist *list) { if (list) api.slist_free_all(list); }

CURLcode mlplab_curl_set_string(CURL *c, CURLoption o, const char *v) { return api.setopt(c, o, v); }
CURLcode mlplab_curl_set_long(CURL *c, CURLoption o, long v) { return api.setopt(c, o, v); }
CURLcode mlplab_curl_set_pointer(CURL *c, CURLoption o, void *v) { return api.setopt(c, o, v); }
CURLcode mlplab_curl_set_write_function(CURL *c, mlplab_curl_write_fn f) { return api.setopt(c, CURLOPT_WRITEFUNCTION, f); }
CURLcode mlplab_curl_set_headers(CURL *c, struct curl_slist *list) { return api.setopt(c, CURLOPT_HTTPHEADER, list); }
long mlplab_curl_response_code(CURL *c) {
    long code = 0;
    api.getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

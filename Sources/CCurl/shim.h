// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: these typed
// wrappers are the only way the Swift side touches them.
#include <curl/curl.h>

static inline CURLcode mlplab_curl_set_string(CURL *c, CURLoption o, const char *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode mlplab_curl_set_long(CURL *c, CURLoption o, long v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode mlplab_curl_set_pointer(CURL *c, CURLoption o, void *v) { return curl_easy_setopt(c, o, v); }
static inline long mlplab_curl_response_code(CURL *c) {
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

typedef size_t (*mlplab_curl_write_fn)(char *data, size_t size, size_t count, void *user);
static inline CURLcode mlplab_curl_set_write_function(CURL *c, mlplab_curl_write_fn f) {
    return curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, f);
}
static inline CURLcode mlplab_curl_set_headers(CURL *c, struct curl_slist *list) {
    return curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
}

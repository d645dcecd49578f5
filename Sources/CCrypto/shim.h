// OpenSSL's libcrypto (libssl-dev): SHA-256 for API token hashes.
#include <openssl/sha.h>

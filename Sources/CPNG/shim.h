// Debian's libpng (libpng-dev), through its simplified API (png_image): it reads every colour
// type and bit depth into the format asked for, and reports errors in png_image.message
// rather than by longjmp, so Swift can call it directly.
#include <png.h>

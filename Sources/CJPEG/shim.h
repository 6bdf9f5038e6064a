#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>
#include "jpeg_helpers.h"

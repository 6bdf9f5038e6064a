// Whole-image JPEG decoding and encoding for Swift, with libjpeg's errors caught.
//
// libjpeg reports a fatal error by calling error_exit, which by default ends the process.
// Swift cannot longjmp, so the setjmp/longjmp pair lives here, entirely in C: a bad file
// makes these functions return 0 with libjpeg's message, and never unwinds Swift frames.
#ifndef INCEPTION_JPEG_HELPERS_H
#define INCEPTION_JPEG_HELPERS_H

#include <setjmp.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <jerror.h>

#define INCEPTION_JPEG_MESSAGE_LENGTH JMSG_LENGTH_MAX

struct inception_jpeg_error {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    int truncated;
    char message[JMSG_LENGTH_MAX];
};

static void inception_jpeg_error_exit(j_common_ptr cinfo) {
    struct inception_jpeg_error *err = (struct inception_jpeg_error *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, err->message);
    longjmp(err->jump, 1);
}

// Warnings are not printed; a premature end of data is remembered and reported as an error.
static void inception_jpeg_emit_message(j_common_ptr cinfo, int level) {
    struct inception_jpeg_error *err = (struct inception_jpeg_error *)cinfo->err;
    if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF) err->truncated = 1;
}

// While decoding, every warning is an error: libjpeg warns about corrupt data ("Corrupt JPEG
// data: 1024 extraneous bytes before marker", a premature end) and goes on with made-up
// pixels, which would then be classified as if they were the picture.
// A premature end is remembered as before (libjpeg's next error names the missing part).
static void inception_jpeg_warning_is_error(j_common_ptr cinfo, int level) {
    if (level >= 0) return;
    struct inception_jpeg_error *err = (struct inception_jpeg_error *)cinfo->err;
    if (cinfo->err->msg_code == JWRN_JPEG_EOF) err->truncated = 1;
    if (err->truncated) return;     // what follows a premature end is its echo
    inception_jpeg_error_exit(cinfo);
}

/// Decodes a whole JPEG held in memory to 8-bit RGB (grey images are expanded), rows top to
/// bottom. On success returns 1 and a malloc'ed `*pixels` of width·height·3 bytes, which the
/// caller frees. On failure returns 0 with libjpeg's reason in `message`.
static inline int inception_jpeg_decode(const unsigned char *data, unsigned long size,
                                        unsigned char **pixels, int *width, int *height,
                                        unsigned long long max_pixels,
                                        char message[INCEPTION_JPEG_MESSAGE_LENGTH]) {
    struct jpeg_decompress_struct cinfo;
    struct inception_jpeg_error err;
    unsigned char *volatile out = NULL;
    unsigned char *volatile ink = NULL;     // one row of a CMYK picture
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&err.base);
    err.base.error_exit = inception_jpeg_error_exit;
    err.base.emit_message = inception_jpeg_warning_is_error;
    err.truncated = 0;
    err.message[0] = 0;
    if (setjmp(err.jump)) {
        strncpy(message, err.message, INCEPTION_JPEG_MESSAGE_LENGTH - 1);
        message[INCEPTION_JPEG_MESSAGE_LENGTH - 1] = 0;
        jpeg_destroy_decompress(&cinfo);
        free(out);
        free(ink);
        return 0;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, size);
    jpeg_read_header(&cinfo, TRUE);
    // A decompression bomb: a few hundred bytes whose header promises 20000×20000 pixels.
    if ((unsigned long long)cinfo.image_width * cinfo.image_height > max_pixels) {
        snprintf(message, INCEPTION_JPEG_MESSAGE_LENGTH, "the JPEG is %u×%u pixels, more than the %llu this program loads",
                 cinfo.image_width, cinfo.image_height, max_pixels);
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    // CMYK (and YCCK) pictures, as Photoshop saves them for print: libjpeg hands back their
    // four channels, turned into RGB below as PIL does.
    int cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    size_t rowBytes = (size_t)cinfo.output_width * 3;
    if (cinfo.output_components != (cmyk ? 4 : 3) || rowBytes == 0 || cinfo.output_height == 0 ||
        (size_t)cinfo.output_height > ((size_t)1 << 40) / rowBytes) {
        strcpy(message, "the image has an unsupported size or colour layout");
        jpeg_destroy_decompress(&cinfo);
        return 0;
    }
    out = (unsigned char *)malloc(rowBytes * cinfo.output_height);
    if (out == NULL) {
        strcpy(message, "not enough memory for the decoded image");
        jpeg_destroy_decompress(&cinfo);
        return 0;
    }
    if (cmyk) {
        // Rows of C, M, Y, K are read one at a time into the tail of a wider buffer; PIL
        // reads them as Adobe writes them (inverted: 255 − ink), and its CMYK → RGB is
        // R = (255 − C)·(255 − K)/255 rounded, which on the stored values is stored C · stored K / 255.
        ink = (unsigned char *)malloc((size_t)cinfo.output_width * 4);
        if (ink == NULL) {
            strcpy(message, "not enough memory for the decoded image");
            jpeg_destroy_decompress(&cinfo);
            free(out);
            return 0;
        }
        while (cinfo.output_scanline < cinfo.output_height) {
            unsigned char *row = out + (size_t)cinfo.output_scanline * rowBytes;
            JSAMPROW source = ink;
            if (jpeg_read_scanlines(&cinfo, &source, 1) != 1) break;
            for (size_t x = 0; x < cinfo.output_width; x++) {
                unsigned k = ink[4 * x + 3];
                for (int c = 0; c < 3; c++) {
                    unsigned t = ink[4 * x + c] * k + 128;
                    row[3 * x + c] = (unsigned char)(((t >> 8) + t) >> 8);
                }
            }
        }
        free(ink);
        ink = NULL;
    } else {
        while (cinfo.output_scanline < cinfo.output_height) {
            JSAMPROW row = out + (size_t)cinfo.output_scanline * rowBytes;
            jpeg_read_scanlines(&cinfo, &row, 1);
        }
    }
    jpeg_finish_decompress(&cinfo);
    *width = (int)cinfo.output_width;
    *height = (int)cinfo.output_height;
    jpeg_destroy_decompress(&cinfo);
    if (err.truncated) {
        strcpy(message, "Premature end of JPEG file");
        free(out);
        return 0;
    }
    *pixels = out;
    return 1;
}

/// Encodes 8-bit RGB pixels (rows top to bottom) as a baseline JPEG of the given quality
/// (1–100). On success returns 1 and a malloc'ed `*bytes` of `*size` bytes, which the caller
/// frees. On failure returns 0 with libjpeg's reason in `message`.
static inline int inception_jpeg_encode(const unsigned char *pixels, int width, int height, int quality,
                                        unsigned char **bytes, unsigned long *size,
                                        char message[INCEPTION_JPEG_MESSAGE_LENGTH]) {
    struct jpeg_compress_struct cinfo;
    struct inception_jpeg_error err;
    // Its address goes to libjpeg, so it lives in memory and is current after a longjmp.
    unsigned char *target = NULL;
    unsigned long length = 0;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&err.base);
    err.base.error_exit = inception_jpeg_error_exit;
    err.base.emit_message = inception_jpeg_emit_message;
    err.message[0] = 0;
    if (setjmp(err.jump)) {
        strncpy(message, err.message, INCEPTION_JPEG_MESSAGE_LENGTH - 1);
        message[INCEPTION_JPEG_MESSAGE_LENGTH - 1] = 0;
        jpeg_destroy_compress(&cinfo);
        free(target);
        return 0;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &target, &length);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    size_t rowBytes = (size_t)width * 3;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * rowBytes);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *bytes = target;
    *size = length;
    return 1;
}

#endif

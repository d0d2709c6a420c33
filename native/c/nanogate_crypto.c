/*
 * NanoGate native crypto (see nanogate_crypto.h). Only calls that mbedTLS 2.28 and 3.x both have,
 * with the same signatures: aes, des, gcm, md, bignum, ecp, ctr_drbg, entropy, platform_util.
 * The one structure field read, the curve's base point G, is public in both (3.x keeps
 * mbedtls_ecp_group's domain parameters public). tests/run.sh
 * compiles this file against Debian's 2.28; it also compiles warning-free against the headers of
 * 3.1.0 (ESP-IDF 5.0), 3.4.0 and 3.6.6 (checked by hand, -std=c99 -Wall -Wextra -Werror).
 */
#include "nanogate_crypto.h"

#include <string.h>

#include <mbedtls/aes.h>
#include <mbedtls/bignum.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/des.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/gcm.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>
#if defined(ESP_PLATFORM)
#include "bootloader_random.h"
#endif

/*
 * Slots in the table. The host default is generous (simulations and test suites hold many keys;
 * untouched slots cost only address space); the device image sets NGC_SLOTS for its RAM.
 */
#ifndef NGC_SLOTS
#define NGC_SLOTS 16384
#endif

#define NGC_NONCE_SIZE 12       /* RFC 4106 §4: salt | explicit IV */
#define NGC_ECP_MAX_FIELD 66    /* P-521 */

enum ngc_kind {
    KIND_FREE = 0,
    KIND_AES_CBC,
    KIND_DES3_CBC,
    KIND_GCM,
    KIND_HASH,
    KIND_HMAC,
    KIND_MODP,
    KIND_ECP,
};

struct ngc_slot {
    volatile int32_t kind;
    int32_t size; /* tag size (GCM), output size (hash), prime or field length (DH) */
    union {
        struct {
            mbedtls_aes_context enc;
            mbedtls_aes_context dec;
        } aes;
        struct {
            mbedtls_des3_context enc;
            mbedtls_des3_context dec;
        } des3;
        mbedtls_gcm_context gcm;
        mbedtls_md_context_t md;
        struct {
            mbedtls_mpi p;
            mbedtls_mpi p_minus_1;
            mbedtls_mpi x;
            mbedtls_mpi y;   /* our public value g^x */
            mbedtls_mpi rr;  /* R^2 mod p, cached by mbedtls_mpi_exp_mod */
        } modp;
        struct {
            mbedtls_ecp_group grp;
            mbedtls_mpi d;
            mbedtls_ecp_point q;  /* our public value d * G */
        } ecp;
    } u;
};

static struct ngc_slot s_slots[NGC_SLOTS];

static mbedtls_entropy_context s_entropy;
static mbedtls_ctr_drbg_context s_drbg;
static int s_drbg_ready;

/*
 * Diffie-Hellman runs on a worker thread (hal's ThreadJobRunner) while the run loop creates and
 * releases other objects, so slots are claimed with an atomic compare-and-swap and the shared
 * DRBG is behind a spin lock (held only for one draw). On nanoFramework InternalCalls never run
 * concurrently, so neither ever waits there; GCC's __atomic builtins exist on both targets.
 */
static int32_t s_drbg_lock;

static void drbg_lock(void)
{
    int32_t expected = 0;
    while (!__atomic_compare_exchange_n(&s_drbg_lock, &expected, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        expected = 0;
    }
}

static void drbg_unlock(void)
{
    __atomic_store_n(&s_drbg_lock, 0, __ATOMIC_RELEASE);
}

/* mbedtls_ctr_drbg_random under the lock (the f_rng of ECP blinding and ngc_random). */
static int locked_drbg_random(void *context, unsigned char *output, size_t count)
{
    int rc;
    drbg_lock();
    rc = mbedtls_ctr_drbg_random(context, output, count);
    drbg_unlock();
    return rc;
}

/* The DRBG for ECP blinding and ngc_random, seeded once from mbedTLS's entropy sources. */
static int drbg_ready_locked(void);

static int drbg_ready(void)
{
    int ok;
    drbg_lock();
    ok = drbg_ready_locked();
    drbg_unlock();
    return ok;
}

static int drbg_ready_locked(void)
{
    static const unsigned char personal[] = "NanoGate native crypto";
    if (s_drbg_ready) {
        return 1;
    }
#if defined(ESP_PLATFORM)
    /*
     * ESP32: esp_random() (ESP-IDF's entropy source for mbedTLS) is true random only while the RF
     * subsystem or the bootloader's entropy source runs; an Ethernet-only image has no RF, so turn
     * the entropy source on before seeding (ESP-IDF "Random Number Generation").
     */
    bootloader_random_enable();
#endif
    mbedtls_entropy_init(&s_entropy);
    mbedtls_ctr_drbg_init(&s_drbg);
    if (mbedtls_ctr_drbg_seed(&s_drbg, mbedtls_entropy_func, &s_entropy, personal, sizeof(personal) - 1) != 0) {
        mbedtls_ctr_drbg_free(&s_drbg);
        mbedtls_entropy_free(&s_entropy);
        return 0;
    }
    s_drbg_ready = 1;
    return 1;
}

static int32_t slot_claim(int32_t kind)
{
    int32_t i;
    for (i = 0; i < NGC_SLOTS; i++) {
        int32_t expected = KIND_FREE;
        if (__atomic_compare_exchange_n(&s_slots[i].kind, &expected, kind, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
            return i;
        }
    }
    return NGC_E_FULL;
}

static struct ngc_slot *slot_of(int32_t handle, int32_t kind)
{
    if (handle < 0 || handle >= NGC_SLOTS || s_slots[handle].kind != kind) {
        return NULL;
    }
    return &s_slots[handle];
}

static const mbedtls_md_info_t *md_info_of(int32_t algorithm)
{
    switch (algorithm) {
    case NGC_HASH_MD5:
        return mbedtls_md_info_from_type(MBEDTLS_MD_MD5);
    case NGC_HASH_SHA1:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA1);
    case NGC_HASH_SHA256:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    case NGC_HASH_SHA384:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA384);
    case NGC_HASH_SHA512:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA512);
    default:
        return NULL;
    }
}

/* ---- CBC ---------------------------------------------------------------------------------- */

int32_t ngc_cbc_create(int32_t algorithm, const uint8_t *key, int32_t key_offset, int32_t key_count)
{
    int32_t h;
    struct ngc_slot *s;
    int rc;
    const uint8_t *k = key + key_offset;
    if (algorithm == NGC_CIPHER_AES_CBC) {
        if (key_count != 16 && key_count != 24 && key_count != 32) {
            return NGC_E_ARGUMENT;
        }
        h = slot_claim(KIND_AES_CBC);
        if (h < 0) {
            return h;
        }
        s = &s_slots[h];
        mbedtls_aes_init(&s->u.aes.enc);
        mbedtls_aes_init(&s->u.aes.dec);
        rc = mbedtls_aes_setkey_enc(&s->u.aes.enc, k, (unsigned int)key_count * 8);
        if (rc == 0) {
            rc = mbedtls_aes_setkey_dec(&s->u.aes.dec, k, (unsigned int)key_count * 8);
        }
    } else if (algorithm == NGC_CIPHER_3DES_CBC) {
        if (key_count != 24) {
            return NGC_E_ARGUMENT;
        }
        h = slot_claim(KIND_DES3_CBC);
        if (h < 0) {
            return h;
        }
        s = &s_slots[h];
        mbedtls_des3_init(&s->u.des3.enc);
        mbedtls_des3_init(&s->u.des3.dec);
        rc = mbedtls_des3_set3key_enc(&s->u.des3.enc, k);
        if (rc == 0) {
            rc = mbedtls_des3_set3key_dec(&s->u.des3.dec, k);
        }
    } else {
        return NGC_E_ARGUMENT;
    }
    s->size = key_count;
    if (rc != 0) {
        ngc_release(h);
        return NGC_E_CRYPTO;
    }
    return h;
}

static int32_t cbc(int32_t handle, int mode, const uint8_t *iv, int32_t iv_offset,
                   uint8_t *buffer, int32_t offset, int32_t count)
{
    /* mbedTLS advances the IV it is given; ours belongs to the caller, so chain from a copy. */
    unsigned char chain[16];
    struct ngc_slot *s;
    int rc;
    if (count < 0) {
        return NGC_E_ARGUMENT;
    }
    if ((s = slot_of(handle, KIND_AES_CBC)) != NULL) {
        if (count % 16 != 0) {
            return NGC_E_ARGUMENT;
        }
        memcpy(chain, iv + iv_offset, 16);
        rc = mbedtls_aes_crypt_cbc(mode == MBEDTLS_AES_ENCRYPT ? &s->u.aes.enc : &s->u.aes.dec, mode,
                                   (size_t)count, chain, buffer + offset, buffer + offset);
    } else if ((s = slot_of(handle, KIND_DES3_CBC)) != NULL) {
        if (count % 8 != 0) {
            return NGC_E_ARGUMENT;
        }
        memcpy(chain, iv + iv_offset, 8);
        rc = mbedtls_des3_crypt_cbc(mode == MBEDTLS_DES_ENCRYPT ? &s->u.des3.enc : &s->u.des3.dec, mode,
                                    (size_t)count, chain, buffer + offset, buffer + offset);
    } else {
        return NGC_E_ARGUMENT;
    }
    return rc == 0 ? 0 : NGC_E_CRYPTO;
}

int32_t ngc_cbc_encrypt(int32_t handle, const uint8_t *iv, int32_t iv_offset,
                        uint8_t *buffer, int32_t offset, int32_t count)
{
    /* MBEDTLS_AES_ENCRYPT == MBEDTLS_DES_ENCRYPT == 1 */
    return cbc(handle, MBEDTLS_AES_ENCRYPT, iv, iv_offset, buffer, offset, count);
}

int32_t ngc_cbc_decrypt(int32_t handle, const uint8_t *iv, int32_t iv_offset,
                        uint8_t *buffer, int32_t offset, int32_t count)
{
    return cbc(handle, MBEDTLS_AES_DECRYPT, iv, iv_offset, buffer, offset, count);
}

/* ---- AES-GCM ------------------------------------------------------------------------------ */

int32_t ngc_gcm_create(const uint8_t *key, int32_t key_offset, int32_t key_count, int32_t tag_size)
{
    int32_t h;
    struct ngc_slot *s;
    if ((key_count != 16 && key_count != 24 && key_count != 32) ||
        (tag_size != 8 && tag_size != 12 && tag_size != 16)) {
        return NGC_E_ARGUMENT;
    }
    h = slot_claim(KIND_GCM);
    if (h < 0) {
        return h;
    }
    s = &s_slots[h];
    s->size = tag_size;
    mbedtls_gcm_init(&s->u.gcm);
    if (mbedtls_gcm_setkey(&s->u.gcm, MBEDTLS_CIPHER_ID_AES, key + key_offset, (unsigned int)key_count * 8) != 0) {
        ngc_release(h);
        return NGC_E_CRYPTO;
    }
    return h;
}

int32_t ngc_gcm_encrypt(int32_t handle, const uint8_t *nonce, int32_t nonce_offset,
                        const uint8_t *aad, int32_t aad_offset, int32_t aad_count,
                        uint8_t *buffer, int32_t offset, int32_t count,
                        uint8_t *tag, int32_t tag_offset)
{
    struct ngc_slot *s = slot_of(handle, KIND_GCM);
    if (s == NULL || count < 0 || aad_count < 0) {
        return NGC_E_ARGUMENT;
    }
    return mbedtls_gcm_crypt_and_tag(&s->u.gcm, MBEDTLS_GCM_ENCRYPT, (size_t)count,
                                     nonce + nonce_offset, NGC_NONCE_SIZE, aad + aad_offset, (size_t)aad_count,
                                     buffer + offset, buffer + offset, (size_t)s->size, tag + tag_offset) == 0
               ? 0
               : NGC_E_CRYPTO;
}

int32_t ngc_gcm_decrypt(int32_t handle, const uint8_t *nonce, int32_t nonce_offset,
                        const uint8_t *aad, int32_t aad_offset, int32_t aad_count,
                        uint8_t *buffer, int32_t offset, int32_t count,
                        const uint8_t *tag, int32_t tag_offset)
{
    int rc;
    struct ngc_slot *s = slot_of(handle, KIND_GCM);
    if (s == NULL || count < 0 || aad_count < 0) {
        return NGC_E_ARGUMENT;
    }
    /* mbedTLS compares the tag in constant time and zeroes the output when it does not match. */
    rc = mbedtls_gcm_auth_decrypt(&s->u.gcm, (size_t)count, nonce + nonce_offset, NGC_NONCE_SIZE,
                                  aad + aad_offset, (size_t)aad_count, tag + tag_offset, (size_t)s->size,
                                  buffer + offset, buffer + offset);
    if (rc == MBEDTLS_ERR_GCM_AUTH_FAILED) {
        return NGC_E_AUTH;
    }
    return rc == 0 ? 0 : NGC_E_CRYPTO;
}

/* ---- Hash and HMAC ------------------------------------------------------------------------ */

int32_t ngc_hash_size(int32_t algorithm)
{
    const mbedtls_md_info_t *info = md_info_of(algorithm);
    return info == NULL ? NGC_E_ARGUMENT : (int32_t)mbedtls_md_get_size(info);
}

int32_t ngc_hash_create(int32_t algorithm, int32_t hmac, const uint8_t *key, int32_t key_offset, int32_t key_count)
{
    int32_t h;
    struct ngc_slot *s;
    int rc;
    const mbedtls_md_info_t *info = md_info_of(algorithm);
    if (info == NULL || key_count < 0) {
        return NGC_E_ARGUMENT;
    }
    h = slot_claim(hmac ? KIND_HMAC : KIND_HASH);
    if (h < 0) {
        return h;
    }
    s = &s_slots[h];
    s->size = (int32_t)mbedtls_md_get_size(info);
    mbedtls_md_init(&s->u.md);
    rc = mbedtls_md_setup(&s->u.md, info, hmac ? 1 : 0);
    if (rc == 0) {
        rc = hmac ? mbedtls_md_hmac_starts(&s->u.md, key + key_offset, (size_t)key_count) : mbedtls_md_starts(&s->u.md);
    }
    if (rc != 0) {
        ngc_release(h);
        return NGC_E_CRYPTO;
    }
    return h;
}

static struct ngc_slot *hash_slot(int32_t handle)
{
    struct ngc_slot *s = slot_of(handle, KIND_HASH);
    return s != NULL ? s : slot_of(handle, KIND_HMAC);
}

int32_t ngc_hash_reset(int32_t handle)
{
    struct ngc_slot *s = hash_slot(handle);
    if (s == NULL) {
        return NGC_E_ARGUMENT;
    }
    return (s->kind == KIND_HMAC ? mbedtls_md_hmac_reset(&s->u.md) : mbedtls_md_starts(&s->u.md)) == 0 ? 0 : NGC_E_CRYPTO;
}

int32_t ngc_hash_append(int32_t handle, const uint8_t *data, int32_t offset, int32_t count)
{
    struct ngc_slot *s = hash_slot(handle);
    if (s == NULL || count < 0) {
        return NGC_E_ARGUMENT;
    }
    if (count == 0) {
        return 0;
    }
    return (s->kind == KIND_HMAC ? mbedtls_md_hmac_update(&s->u.md, data + offset, (size_t)count)
                                 : mbedtls_md_update(&s->u.md, data + offset, (size_t)count)) == 0
               ? 0
               : NGC_E_CRYPTO;
}

int32_t ngc_hash_finish(int32_t handle, uint8_t *output, int32_t offset)
{
    int rc;
    struct ngc_slot *s = hash_slot(handle);
    if (s == NULL) {
        return NGC_E_ARGUMENT;
    }
    if (s->kind == KIND_HMAC) {
        rc = mbedtls_md_hmac_finish(&s->u.md, output + offset);
        if (rc == 0) {
            rc = mbedtls_md_hmac_reset(&s->u.md);
        }
    } else {
        rc = mbedtls_md_finish(&s->u.md, output + offset);
        if (rc == 0) {
            rc = mbedtls_md_starts(&s->u.md);
        }
    }
    return rc == 0 ? 0 : NGC_E_CRYPTO;
}

int32_t ngc_hash_once(int32_t algorithm, int32_t hmac, const uint8_t *key, int32_t key_offset, int32_t key_count,
                      const uint8_t *data, int32_t offset, int32_t count, uint8_t *output, int32_t output_offset)
{
    int rc;
    const mbedtls_md_info_t *info = md_info_of(algorithm);
    if (info == NULL || count < 0 || key_count < 0) {
        return NGC_E_ARGUMENT;
    }
    rc = hmac ? mbedtls_md_hmac(info, key + key_offset, (size_t)key_count, data + offset, (size_t)count, output + output_offset)
              : mbedtls_md(info, data + offset, (size_t)count, output + output_offset);
    return rc == 0 ? 0 : NGC_E_CRYPTO;
}

/* ---- MODP Diffie-Hellman ------------------------------------------------------------------ */

int32_t ngc_modp_create(const uint8_t *prime, int32_t prime_offset, int32_t prime_count,
                        const uint8_t *exponent, int32_t exponent_offset, int32_t exponent_count)
{
    int32_t h;
    struct ngc_slot *s;
    int rc;
    mbedtls_mpi g;
    if (prime_count < 128 || prime_count > 512 || exponent_count < 1 || exponent_count > prime_count) {
        return NGC_E_ARGUMENT;
    }
    h = slot_claim(KIND_MODP);
    if (h < 0) {
        return h;
    }
    s = &s_slots[h];
    s->size = prime_count;
    mbedtls_mpi_init(&s->u.modp.p);
    mbedtls_mpi_init(&s->u.modp.p_minus_1);
    mbedtls_mpi_init(&s->u.modp.x);
    mbedtls_mpi_init(&s->u.modp.y);
    mbedtls_mpi_init(&s->u.modp.rr);
    mbedtls_mpi_init(&g);
    rc = mbedtls_mpi_read_binary(&s->u.modp.p, prime + prime_offset, (size_t)prime_count);
    if (rc == 0) {
        rc = mbedtls_mpi_sub_int(&s->u.modp.p_minus_1, &s->u.modp.p, 1);
    }
    if (rc == 0) {
        rc = mbedtls_mpi_read_binary(&s->u.modp.x, exponent + exponent_offset, (size_t)exponent_count);
    }
    if (rc == 0) {
        rc = mbedtls_mpi_lset(&g, 2); /* RFC 2409 §6, RFC 3526: generator 2 */
    }
    if (rc == 0) {
        rc = mbedtls_mpi_exp_mod(&s->u.modp.y, &g, &s->u.modp.x, &s->u.modp.p, &s->u.modp.rr);
    }
    mbedtls_mpi_free(&g);
    if (rc != 0) {
        ngc_release(h);
        return NGC_E_CRYPTO;
    }
    return h;
}

static int32_t modp_compute(struct ngc_slot *s, const uint8_t *peer, int32_t peer_count, uint8_t *output)
{
    int32_t result;
    mbedtls_mpi y, z;
    if (peer_count != s->size) {
        return NGC_DH_BAD_LENGTH;
    }
    mbedtls_mpi_init(&y);
    mbedtls_mpi_init(&z);
    if (mbedtls_mpi_read_binary(&y, peer, (size_t)peer_count) != 0) {
        result = NGC_E_CRYPTO;
    } else if (mbedtls_mpi_cmp_int(&y, 1) <= 0 || mbedtls_mpi_cmp_mpi(&y, &s->u.modp.p_minus_1) >= 0) {
        /* 1 < y < p-1: 0, 1 and p-1 give a secret the peer knows; p and above are not elements. */
        result = NGC_DH_OUT_OF_RANGE;
    } else if (mbedtls_mpi_exp_mod(&z, &y, &s->u.modp.x, &s->u.modp.p, &s->u.modp.rr) != 0 ||
               mbedtls_mpi_write_binary(&z, output, (size_t)s->size) != 0) {
        result = NGC_E_CRYPTO;
    } else {
        result = NGC_DH_OK;
    }
    mbedtls_mpi_free(&y);
    mbedtls_mpi_free(&z); /* mbedtls_mpi_free zeroes the limbs before freeing them */
    return result;
}

/* ---- ECP Diffie-Hellman ------------------------------------------------------------------- */

static int32_t ecp_field_size(int32_t group, mbedtls_ecp_group_id *id)
{
    switch (group) {
    case 19:
        *id = MBEDTLS_ECP_DP_SECP256R1;
        return 32;
    case 20:
        *id = MBEDTLS_ECP_DP_SECP384R1;
        return 48;
    case 21:
        *id = MBEDTLS_ECP_DP_SECP521R1;
        return 66;
    default:
        *id = MBEDTLS_ECP_DP_NONE;
        return 0;
    }
}

int32_t ngc_ecp_create(int32_t group, const uint8_t *scalar, int32_t scalar_offset, int32_t scalar_count)
{
    int32_t h;
    struct ngc_slot *s;
    int rc;
    mbedtls_ecp_group_id id;
    int32_t size = ecp_field_size(group, &id);
    if (size == 0 || scalar_count < 1 || scalar_count > size) {
        return NGC_E_ARGUMENT;
    }
    if (!drbg_ready()) {
        return NGC_E_CRYPTO;
    }
    h = slot_claim(KIND_ECP);
    if (h < 0) {
        return h;
    }
    s = &s_slots[h];
    s->size = size;
    mbedtls_ecp_group_init(&s->u.ecp.grp);
    mbedtls_mpi_init(&s->u.ecp.d);
    mbedtls_ecp_point_init(&s->u.ecp.q);
    rc = mbedtls_ecp_group_load(&s->u.ecp.grp, id);
    if (rc == 0) {
        rc = mbedtls_mpi_read_binary(&s->u.ecp.d, scalar + scalar_offset, (size_t)scalar_count);
    }
    if (rc == 0) {
        rc = mbedtls_ecp_check_privkey(&s->u.ecp.grp, &s->u.ecp.d); /* 1 <= d <= n-1 */
    }
    if (rc == 0) {
        rc = mbedtls_ecp_mul(&s->u.ecp.grp, &s->u.ecp.q, &s->u.ecp.d, &s->u.ecp.grp.G,
                             locked_drbg_random, &s_drbg);
    }
    if (rc != 0) {
        ngc_release(h);
        return rc == MBEDTLS_ERR_ECP_INVALID_KEY ? NGC_E_ARGUMENT : NGC_E_CRYPTO;
    }
    return h;
}

/* x | y of a point, each coordinate left-padded to the field size (RFC 5903 §7). */
static int ecp_write_xy(struct ngc_slot *s, const mbedtls_ecp_point *point, uint8_t *output, int32_t count)
{
    unsigned char buffer[1 + 2 * NGC_ECP_MAX_FIELD];
    size_t length = 0;
    int rc = mbedtls_ecp_point_write_binary(&s->u.ecp.grp, point, MBEDTLS_ECP_PF_UNCOMPRESSED, &length,
                                            buffer, sizeof(buffer));
    if (rc == 0 && length == (size_t)(1 + 2 * s->size)) {
        memcpy(output, buffer + 1, (size_t)count);
    } else {
        rc = NGC_E_CRYPTO;
    }
    mbedtls_platform_zeroize(buffer, sizeof(buffer));
    return rc;
}

static int32_t ecp_compute(struct ngc_slot *s, const uint8_t *peer, int32_t peer_count, uint8_t *output)
{
    unsigned char encoded[1 + 2 * NGC_ECP_MAX_FIELD];
    mbedtls_ecp_point q, r;
    int32_t result;
    if (peer_count != 2 * s->size) {
        return NGC_DH_BAD_LENGTH;
    }
    /* The KE payload is x | y (RFC 5903 §7); mbedTLS reads SEC1's uncompressed form 04 | x | y. */
    encoded[0] = 0x04;
    memcpy(encoded + 1, peer, (size_t)peer_count);
    mbedtls_ecp_point_init(&q);
    mbedtls_ecp_point_init(&r);
    if (mbedtls_ecp_point_read_binary(&s->u.ecp.grp, &q, encoded, (size_t)(1 + peer_count)) != 0 ||
        mbedtls_ecp_check_pubkey(&s->u.ecp.grp, &q) != 0) {
        /* check_pubkey: both coordinates below p and y^2 = x^3 - 3x + b (RFC 5903 §7 validation). */
        result = NGC_DH_NOT_ON_CURVE;
    } else if (mbedtls_ecp_mul(&s->u.ecp.grp, &r, &s->u.ecp.d, &q, locked_drbg_random, &s_drbg) != 0 ||
               ecp_write_xy(s, &r, output, s->size) != 0) {
        result = NGC_E_CRYPTO;
    } else {
        result = NGC_DH_OK; /* RFC 5903 §9: the shared secret is the x coordinate */
    }
    mbedtls_ecp_point_free(&q);
    mbedtls_ecp_point_free(&r);
    mbedtls_platform_zeroize(encoded, sizeof(encoded));
    return result;
}

/* ---- Diffie-Hellman, both kinds ----------------------------------------------------------- */

int32_t ngc_dh_public(int32_t handle, uint8_t *output, int32_t offset, int32_t count)
{
    struct ngc_slot *s;
    if ((s = slot_of(handle, KIND_MODP)) != NULL) {
        if (count != s->size) {
            return NGC_E_ARGUMENT;
        }
        return mbedtls_mpi_write_binary(&s->u.modp.y, output + offset, (size_t)count) == 0 ? count : NGC_E_CRYPTO;
    }
    if ((s = slot_of(handle, KIND_ECP)) != NULL) {
        if (count != 2 * s->size) {
            return NGC_E_ARGUMENT;
        }
        return ecp_write_xy(s, &s->u.ecp.q, output + offset, count) == 0 ? count : NGC_E_CRYPTO;
    }
    return NGC_E_ARGUMENT;
}

int32_t ngc_dh_compute(int32_t handle, const uint8_t *peer, int32_t peer_offset, int32_t peer_count,
                       uint8_t *output, int32_t output_offset, int32_t output_count)
{
    struct ngc_slot *s;
    if ((s = slot_of(handle, KIND_MODP)) != NULL) {
        if (output_count != s->size) {
            return NGC_E_ARGUMENT;
        }
        return modp_compute(s, peer + peer_offset, peer_count, output + output_offset);
    }
    if ((s = slot_of(handle, KIND_ECP)) != NULL) {
        if (output_count != s->size) {
            return NGC_E_ARGUMENT;
        }
        return ecp_compute(s, peer + peer_offset, peer_count, output + output_offset);
    }
    return NGC_E_ARGUMENT;
}

int32_t ngc_io_size(int32_t handle)
{
    if (handle < 0 || handle >= NGC_SLOTS) {
        return NGC_E_ARGUMENT;
    }
    switch (s_slots[handle].kind) {
    case KIND_AES_CBC:
        return 16;
    case KIND_DES3_CBC:
        return 8;
    case KIND_GCM:
    case KIND_HASH:
    case KIND_HMAC:
    case KIND_MODP:
        return s_slots[handle].size;
    case KIND_ECP:
        return 2 * s_slots[handle].size;
    default:
        return NGC_E_ARGUMENT;
    }
}

/* ---- Random, release, test hooks ---------------------------------------------------------- */

int32_t ngc_random(uint8_t *output, int32_t offset, int32_t count)
{
    int32_t done = 0;
    if (count < 0) {
        return NGC_E_ARGUMENT;
    }
    if (!drbg_ready()) {
        return NGC_E_CRYPTO;
    }
    while (done < count) {
        int32_t piece = count - done > MBEDTLS_CTR_DRBG_MAX_REQUEST ? MBEDTLS_CTR_DRBG_MAX_REQUEST : count - done;
        if (locked_drbg_random(&s_drbg, output + offset + done, (size_t)piece) != 0) {
            return NGC_E_CRYPTO;
        }
        done += piece;
    }
    return 0;
}

void ngc_release(int32_t handle)
{
    struct ngc_slot *s;
    if (handle < 0 || handle >= NGC_SLOTS) {
        return;
    }
    s = &s_slots[handle];
    switch (s->kind) {
    case KIND_AES_CBC:
        mbedtls_aes_free(&s->u.aes.enc);
        mbedtls_aes_free(&s->u.aes.dec);
        break;
    case KIND_DES3_CBC:
        mbedtls_des3_free(&s->u.des3.enc);
        mbedtls_des3_free(&s->u.des3.dec);
        break;
    case KIND_GCM:
        mbedtls_gcm_free(&s->u.gcm);
        break;
    case KIND_HASH:
    case KIND_HMAC:
        mbedtls_md_free(&s->u.md); /* zeroes and frees the hash state and the HMAC pads */
        break;
    case KIND_MODP:
        mbedtls_mpi_free(&s->u.modp.p);
        mbedtls_mpi_free(&s->u.modp.p_minus_1);
        mbedtls_mpi_free(&s->u.modp.x);
        mbedtls_mpi_free(&s->u.modp.y);
        mbedtls_mpi_free(&s->u.modp.rr);
        break;
    case KIND_ECP:
        mbedtls_ecp_group_free(&s->u.ecp.grp);
        mbedtls_mpi_free(&s->u.ecp.d);
        mbedtls_ecp_point_free(&s->u.ecp.q);
        break;
    default:
        return;
    }
    /* Whatever the free functions left (sizes, pointers): zero the whole union, then free the slot. */
    mbedtls_platform_zeroize(&s->u, sizeof(s->u));
    s->size = 0;
    __atomic_store_n(&s->kind, KIND_FREE, __ATOMIC_RELEASE);
}

int32_t ngc_slot_is_clear(int32_t handle)
{
    const unsigned char *p;
    size_t i;
    unsigned char any = 0;
    if (handle < 0 || handle >= NGC_SLOTS) {
        return NGC_E_ARGUMENT;
    }
    p = (const unsigned char *)&s_slots[handle];
    for (i = 0; i < sizeof(struct ngc_slot); i++) {
        any |= p[i];
    }
    return any == 0 ? 1 : 0;
}

int32_t ngc_slots_in_use(void)
{
    int32_t i, n = 0;
    for (i = 0; i < NGC_SLOTS; i++) {
        n += s_slots[i].kind != KIND_FREE;
    }
    return n;
}

int32_t ngc_slot_count(void)
{
    return NGC_SLOTS;
}

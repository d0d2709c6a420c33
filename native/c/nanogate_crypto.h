/*
 * NanoGate native crypto: the one C component behind hal's crypto contracts (hal/Crypto), built
 * on the part of the mbedTLS API that is the same in mbedTLS 2.28 (Debian's libmbedtls-dev, the
 * host shared library libnanogate_crypto.so) and 3.x (ESP-IDF 5, where AES, SHA and the big-number
 * unit are the ESP32's accelerators).
 *
 * Shape: every object (cipher key, hash or HMAC state, Diffie-Hellman key pair) lives in a slot of
 * a fixed table inside this component and is named by its index, the handle. Release wipes the
 * whole slot (mbedTLS's own free, then mbedtls_platform_zeroize over the slot). Buffers are
 * passed as base pointer + offset + length, the way the managed side holds them (byte[] + offset +
 * count), so neither binding (P/Invoke on the host, nanoFramework InternalCall stubs on the device)
 * copies or allocates per call. Offsets and lengths are checked against the arrays by the managed
 * provider; this side checks handles, kinds and the lengths that decide memory it writes.
 *
 * Results: a handle or 0 on success, NGC_E_* (negative) on failure; Diffie-Hellman agreements
 * return the NGC_DH_* values of hal's DhResult.
 */
#ifndef NANOGATE_CRYPTO_H
#define NANOGATE_CRYPTO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define NGC_API __declspec(dllexport)
#elif defined(__GNUC__)
#define NGC_API __attribute__((visibility("default")))
#else
#define NGC_API
#endif

/* Errors (negative). */
#define NGC_E_ARGUMENT (-1)   /* bad handle, kind, algorithm or length */
#define NGC_E_FULL (-2)       /* no free slot */
#define NGC_E_CRYPTO (-3)     /* mbedTLS failed (out of memory, invalid key) */
#define NGC_E_AUTH (-4)       /* AES-GCM tag mismatch; the buffer was zeroed */

/* Algorithms: the numbers of hal's CipherAlgorithm, HashAlgorithm and DhGroup enums. */
#define NGC_CIPHER_AES_CBC 1
#define NGC_CIPHER_3DES_CBC 2
#define NGC_HASH_MD5 1
#define NGC_HASH_SHA1 2
#define NGC_HASH_SHA256 4
#define NGC_HASH_SHA384 5
#define NGC_HASH_SHA512 6

/* Diffie-Hellman agreement results (hal's DhResult). */
#define NGC_DH_OK 0
#define NGC_DH_BAD_LENGTH 1
#define NGC_DH_OUT_OF_RANGE 2
#define NGC_DH_NOT_ON_CURVE 3

/* CBC (RFC 3602, RFC 2451): AES with a 16/24/32-byte key or 3DES-EDE with a 24-byte key. */
NGC_API int32_t ngc_cbc_create(int32_t algorithm, const uint8_t *key, int32_t key_offset, int32_t key_count);
/* In place; count a multiple of the block size; the IV is read, never written. */
NGC_API int32_t ngc_cbc_encrypt(int32_t handle, const uint8_t *iv, int32_t iv_offset,
                                uint8_t *buffer, int32_t offset, int32_t count);
NGC_API int32_t ngc_cbc_decrypt(int32_t handle, const uint8_t *iv, int32_t iv_offset,
                                uint8_t *buffer, int32_t offset, int32_t count);

/* AES-GCM (RFC 4106): 16/24/32-byte key, 8/12/16-byte tag, 12-byte nonce, in place. */
NGC_API int32_t ngc_gcm_create(const uint8_t *key, int32_t key_offset, int32_t key_count, int32_t tag_size);
NGC_API int32_t ngc_gcm_encrypt(int32_t handle, const uint8_t *nonce, int32_t nonce_offset,
                                const uint8_t *aad, int32_t aad_offset, int32_t aad_count,
                                uint8_t *buffer, int32_t offset, int32_t count,
                                uint8_t *tag, int32_t tag_offset);
/* 0, or NGC_E_AUTH with the buffer zeroed (never unauthenticated plaintext). */
NGC_API int32_t ngc_gcm_decrypt(int32_t handle, const uint8_t *nonce, int32_t nonce_offset,
                                const uint8_t *aad, int32_t aad_offset, int32_t aad_count,
                                uint8_t *buffer, int32_t offset, int32_t count,
                                const uint8_t *tag, int32_t tag_offset);

/* Hash (hmac = 0) or HMAC (RFC 2104, hmac = 1, key copied) incremental state. */
NGC_API int32_t ngc_hash_create(int32_t algorithm, int32_t hmac, const uint8_t *key, int32_t key_offset, int32_t key_count);
NGC_API int32_t ngc_hash_size(int32_t algorithm);
NGC_API int32_t ngc_hash_reset(int32_t handle);
NGC_API int32_t ngc_hash_append(int32_t handle, const uint8_t *data, int32_t offset, int32_t count);
/* Writes the full output at output + offset and resets (same key). */
NGC_API int32_t ngc_hash_finish(int32_t handle, uint8_t *output, int32_t offset);
/* One shot, no slot: hash or HMAC of one buffer. */
NGC_API int32_t ngc_hash_once(int32_t algorithm, int32_t hmac, const uint8_t *key, int32_t key_offset, int32_t key_count,
                              const uint8_t *data, int32_t offset, int32_t count, uint8_t *output, int32_t output_offset);

/*
 * MODP Diffie-Hellman (RFC 2409 §6.2, RFC 3526; generator 2): the group's prime and our private
 * exponent, both big-endian. The managed side passes the prime of hal's ModpGroups table, so there
 * is one copy of each RFC prime in the repository.
 */
NGC_API int32_t ngc_modp_create(const uint8_t *prime, int32_t prime_offset, int32_t prime_count,
                                const uint8_t *exponent, int32_t exponent_offset, int32_t exponent_count);
/* ECP Diffie-Hellman (RFC 5903, groups 19/20/21): private scalar d in [1, n-1], big-endian. */
NGC_API int32_t ngc_ecp_create(int32_t group, const uint8_t *scalar, int32_t scalar_offset, int32_t scalar_count);
/* Our public value: g^x padded to the prime length, or x | y (RFC 5903 §7). Returns its length. */
NGC_API int32_t ngc_dh_public(int32_t handle, uint8_t *output, int32_t offset, int32_t count);
/*
 * Checks the peer's value (MODP: 1 < y < p-1; ECP: coordinates below p and on the curve) and
 * writes the shared secret (MODP: y^x padded; ECP: x of d * Q, RFC 5903 §9). NGC_DH_* or NGC_E_*.
 */
NGC_API int32_t ngc_dh_compute(int32_t handle, const uint8_t *peer, int32_t peer_offset, int32_t peer_count,
                               uint8_t *output, int32_t output_offset, int32_t output_count);

/*
 * The bytes a slot reads or writes per call beyond the caller's counts: the IV (CBC block size,
 * 8 or 16), the tag (GCM, 8/12/16), the output (hash size), the public value (DH). For the
 * device's interop stubs, which check every range against its array before calling in.
 */
NGC_API int32_t ngc_io_size(int32_t handle);

/* Random bytes from mbedTLS's CTR_DRBG over its entropy sources (on the ESP32: the hardware RNG). */
NGC_API int32_t ngc_random(uint8_t *output, int32_t offset, int32_t count);

/* Wipes and frees the slot. Releasing a free slot or a bad handle does nothing. */
NGC_API void ngc_release(int32_t handle);

/* For tests: 1 when every byte of the slot is zero (after release), 0 otherwise, NGC_E_ARGUMENT for a bad index. */
NGC_API int32_t ngc_slot_is_clear(int32_t handle);
/* For tests and the console: slots in use, and the table size. */
NGC_API int32_t ngc_slots_in_use(void);
NGC_API int32_t ngc_slot_count(void);

#ifdef __cplusplus
}
#endif

#endif

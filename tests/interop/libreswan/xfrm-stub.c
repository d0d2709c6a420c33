/*
 * xfrm-stub.c - LD_PRELOAD shim for Libreswan's pluto in the interop suite (issue #20).
 *
 * The test kernel has XFRM but no ESP transform, so XFRM_MSG_NEWSA/UPDSA for ESP fails and pluto
 * would abandon every IPsec SA it negotiated. This shim intercepts pluto's write() on its
 * NETLINK_XFRM socket: a NEWSA, UPDSA or DELSA is recorded (one line in $LSW_XFRM_LOG: the SPI,
 * addresses, UDP encapsulation, algorithm names and keys exactly as pluto handed them to the
 * kernel) and replaced by an XFRM_MSG_FLUSHSA for ESP with the same sequence number, which the
 * kernel acknowledges with error 0 (there is no ESP state to flush: none can exist here). Every
 * other message (policies, SPI allocation, queries) reaches the kernel unchanged.
 *
 * The recorded keys are what the suite's esp-probe.py uses to check the data path; they are test
 * keys of a throw-away run. Nothing here is part of the product.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/xfrm.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static ssize_t (*real_write)(int, const void *, size_t);

static int is_xfrm_socket(int fd)
{
    int v;
    socklen_t l = sizeof v;
    if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &l) != 0 || v != AF_NETLINK)
        return 0;
    l = sizeof v;
    return getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, &l) == 0 && v == NETLINK_XFRM;
}

static void hex(FILE *f, const unsigned char *p, unsigned bits)
{
    for (unsigned i = 0; i < bits / 8; i++)
        fprintf(f, "%02x", p[i]);
}

static void addr(FILE *f, const char *key, const xfrm_address_t *a)
{
    char s[INET_ADDRSTRLEN];
    fprintf(f, " %s=%s", key, inet_ntop(AF_INET, &a->a4, s, sizeof s));
}

static void record(const struct nlmsghdr *h)
{
    const char *path = getenv("LSW_XFRM_LOG");
    if (path == NULL)
        return;
    FILE *f = fopen(path, "a");
    if (f == NULL)
        return;
    if (h->nlmsg_type == XFRM_MSG_DELSA) {
        const struct xfrm_usersa_id *id = NLMSG_DATA(h);
        fprintf(f, "delsa spi=%08x proto=%u", ntohl(id->spi), id->proto);
        addr(f, "dst", &id->daddr);
        fputc('\n', f);
        fclose(f);
        return;
    }
    const struct xfrm_usersa_info *sa = NLMSG_DATA(h);
    fprintf(f, "%s spi=%08x proto=%u", h->nlmsg_type == XFRM_MSG_NEWSA ? "newsa" : "updsa",
            ntohl(sa->id.spi), sa->id.proto);
    addr(f, "src", &sa->saddr);
    addr(f, "dst", &sa->id.daddr);
    const struct rtattr *rta = (const struct rtattr *)((const char *)sa + NLMSG_ALIGN(sizeof *sa));
    int left = (int)h->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(sizeof *sa));
    for (; RTA_OK(rta, left); rta = RTA_NEXT(rta, left)) {
        switch (rta->rta_type) {
        case XFRMA_ALG_CRYPT: {
            const struct xfrm_algo *a = RTA_DATA(rta);
            fprintf(f, " enc=%s:", a->alg_name);
            hex(f, (const unsigned char *)a->alg_key, a->alg_key_len);
            break;
        }
        case XFRMA_ALG_AUTH_TRUNC: {
            const struct xfrm_algo_auth *a = RTA_DATA(rta);
            fprintf(f, " auth=%s:%u:", a->alg_name, a->alg_trunc_len);
            hex(f, (const unsigned char *)a->alg_key, a->alg_key_len);
            break;
        }
        case XFRMA_ALG_AEAD: {
            const struct xfrm_algo_aead *a = RTA_DATA(rta);
            fprintf(f, " aead=%s:%u:", a->alg_name, a->alg_icv_len);
            hex(f, (const unsigned char *)a->alg_key, a->alg_key_len);
            break;
        }
        case XFRMA_ENCAP: {
            const struct xfrm_encap_tmpl *e = RTA_DATA(rta);
            fprintf(f, " encap=%u:%u:%u", e->encap_type, ntohs(e->encap_sport), ntohs(e->encap_dport));
            break;
        }
        }
    }
    fputc('\n', f);
    fclose(f);
}

ssize_t write(int fd, const void *buf, size_t n)
{
    if (real_write == NULL)
        real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    const struct nlmsghdr *h = buf;
    if (n >= sizeof *h &&
        (h->nlmsg_type == XFRM_MSG_NEWSA || h->nlmsg_type == XFRM_MSG_UPDSA || h->nlmsg_type == XFRM_MSG_DELSA) &&
        is_xfrm_socket(fd)) {
        record(h);
        struct {
            struct nlmsghdr h;
            struct xfrm_usersa_flush f;
            unsigned char pad[3];
        } m;
        memset(&m, 0, sizeof m);
        m.h.nlmsg_len = NLMSG_LENGTH(sizeof m.f);
        m.h.nlmsg_type = XFRM_MSG_FLUSHSA;
        m.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
        m.h.nlmsg_seq = h->nlmsg_seq;
        m.h.nlmsg_pid = h->nlmsg_pid;
        m.f.proto = IPPROTO_ESP;
        ssize_t r = real_write(fd, &m, m.h.nlmsg_len);
        return r < 0 ? r : (ssize_t)n;
    }
    return real_write(fd, buf, n);
}

/* ukp's lwIP configuration (see the README's networking section).
   One stack per kernel, driven single-threaded by the net service thread
   under the net lock: no OS layer, no lwIP sockets or netconns. */
#ifndef UKP_LWIPOPTS_H
#define UKP_LWIPOPTS_H

/* ---- how lwIP is driven ---- */
#define NO_SYS 1                 /* no lwIP threads: ukp's service thread calls in */
#define SYS_LIGHTWEIGHT_PROT 0   /* the net lock serialises every entry */
#define LWIP_SOCKET 0            /* ukp's own socket layer sits on the raw API */
#define LWIP_NETCONN 0
#define LWIP_TIMERS 1            /* sys_check_timeouts() from the service thread */

/* ---- memory: the kernel arena via ukp's allocator, no static pools ---- */
#define MEM_LIBC_MALLOC 1
#define MEMP_MEM_MALLOC 1        /* pcbs and pbufs on demand: thousands of connections */
#define MEM_ALIGNMENT 16
#define mem_clib_malloc ukp_lwip_malloc
#define mem_clib_calloc ukp_lwip_calloc
#define mem_clib_free ukp_lwip_free
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif
void* ukp_lwip_malloc(size_t n);
void* ukp_lwip_calloc(size_t count, size_t n);
void ukp_lwip_free(void* p);
#ifdef __cplusplus
}
#endif

/* ---- protocols ---- */
#define LWIP_IPV4 1
#define LWIP_IPV6 1
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_RAW 1               /* ICMP echo for ping */
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DNS 1
#define LWIP_DHCP 0              /* addresses are configured by ukp */
#define LWIP_AUTOIP 0
#define LWIP_IGMP 0
#define LWIP_IPV6_AUTOCONFIG 1
#define LWIP_IPV6_DUP_DETECT_ATTEMPTS 0
/* 64-bit pointers do not fit lwIP's in-place reassembly header. */
#define IPV6_FRAG_COPYHEADER 1
#define SO_REUSE 1
#define LWIP_TCP_KEEPALIVE 1
#define TCP_LISTEN_BACKLOG 1

/* ---- throughput: window scaling, large windows and buffers ---- */
/* The largest segment any interface may use; each connection's MSS is then
   cut to its interface's MTU (TCP_CALCULATE_EFF_SEND_MSS, on by default):
   1460 on Ethernet, 64000 on the loopback, whose MTU is 65535 (stack.cpp).
   Segments of 64000 bytes still fit a pbuf's 16-bit length with IPv6 and
   TCP headers. Linux's loopback works the same way (MTU 65536). */
#define TCP_MSS 64000
#define LWIP_WND_SCALE 1
#define TCP_RCV_SCALE 7
#define TCP_WND (1024 * 1024)
#define TCP_SND_BUF (1024 * 1024)
#define TCP_SND_QUEUELEN 4096
/* A window update goes out once the reader freed this much. lwIP's default
   is 4 * TCP_MSS, which with a 64000-byte MSS exceeds the 64 KiB window of
   a peer without window scaling (libslirp): the sender would stall forever.
   Four Ethernet segments, as before. */
#define TCP_WND_UPDATE_THRESHOLD (4 * 1460)
/* lwIP's sanity checks assume 16-bit send buffers (TCP_SNDLOWAT below
   0xFFFF - 4 * TCP_MSS), which window scaling makes 32-bit; ukp does not
   use TCP_SNDLOWAT (lwIP reads it only in its netconn API, which is off).
   The other checks hold: TCP_SND_BUF >= 2 * TCP_MSS, TCP_SND_QUEUELEN >=
   2 * TCP_SND_BUF / TCP_MSS, TCP_WND >= TCP_MSS. */
#define LWIP_DISABLE_TCP_SANITY_CHECKS 1
/* Room tcp_write may reserve in a segment for later small writes to fill:
   a page, not a whole 64000-byte segment per small write. */
#define TCP_OVERSIZE 4096
#define TCP_QUEUE_OOSEQ 1
#define LWIP_TCP_SACK_OUT 0
#define PBUF_POOL_SIZE 1024
#define MEMP_NUM_TCP_SEG 8192

/* ---- interfaces ---- */
#define LWIP_NETIF_LOOPBACK 1
#define LWIP_HAVE_LOOPIF 1       /* 127.0.0.1 and ::1 inside the kernel */
#define LWIP_LOOPBACK_MAX_PBUFS 0
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK 1
#define LWIP_SINGLE_NETIF 0
/* Checksums are computed by default; the loopback netif turns them off
   (frames never leave the process, so nothing can corrupt them). */
#define LWIP_CHECKSUM_CTRL_PER_NETIF 1

/* ---- diagnostics ---- */
#define LWIP_STATS 0
#define LWIP_DEBUG 0

#endif

/*
 * CaseGrid fault tooling: added latency where the kernel has no netem.
 *
 * deploy/faults.sh sends the packets of a slowed link to NFQUEUE (iptables, inside the namespace of the node whose
 * link is slowed); this program, run in that namespace, holds each packet for the given delay and then lets it go
 * on, in the order it came. Nothing is dropped here (the loss is iptables' own rule). On SIGTERM or SIGINT every
 * held packet is let go at once, so ending the fault never turns into loss.
 *
 * Usage: netdelay QUEUE DELAY_MS     prints "held N packets, mean M ms" to stderr when it ends
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <poll.h>
#include <sys/socket.h>
#include <libnfnetlink/libnfnetlink.h>
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#define CAPACITY 262144

struct held { uint32_t id; int64_t due_ns; int64_t in_ns; };

static struct held ring[CAPACITY];
static size_t head, count;
static int64_t delay_ns;
static volatile sig_atomic_t stopping;
static unsigned long long released, held_ns_total;

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int on_packet(struct nfq_q_handle *q, struct nfgenmsg *msg, struct nfq_data *data, void *arg)
{
    (void)msg; (void)arg;
    struct nfqnl_msg_packet_hdr *h = nfq_get_msg_packet_hdr(data);
    if (h == NULL) return 0;
    uint32_t id = ntohl(h->packet_id);
    if (count == CAPACITY) return nfq_set_verdict(q, id, NF_ACCEPT, 0, NULL); /* full: late rather than lost */
    int64_t t = now_ns();
    ring[(head + count) % CAPACITY] = (struct held){ id, t + delay_ns, t };
    count++;
    return 0;
}

static void release_due(struct nfq_q_handle *q, int all)
{
    int64_t t = now_ns();
    while (count > 0 && (all || ring[head].due_ns <= t)) {
        nfq_set_verdict(q, ring[head].id, NF_ACCEPT, 0, NULL);
        held_ns_total += (unsigned long long)(t - ring[head].in_ns);
        released++;
        head = (head + 1) % CAPACITY;
        count--;
    }
}

static void on_signal(int sig) { (void)sig; stopping = 1; }

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: netdelay QUEUE DELAY_MS\n"); return 2; }
    int queue = atoi(argv[1]);
    delay_ns = (int64_t)atoi(argv[2]) * 1000000LL;

    struct nfq_handle *h = nfq_open();
    if (h == NULL) { perror("netdelay: nfq_open"); return 1; }
    struct nfq_q_handle *q = nfq_create_queue(h, (uint16_t)queue, on_packet, NULL);
    if (q == NULL) { perror("netdelay: nfq_create_queue"); return 1; }
    if (nfq_set_mode(q, NFQNL_COPY_META, 0) < 0) { perror("netdelay: nfq_set_mode"); return 1; }
    nfq_set_queue_maxlen(q, CAPACITY);
    nfnl_rcvbufsiz(nfq_nfnlh(h), 64 * 1024 * 1024);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    int fd = nfq_fd(h);
    char buf[65536] __attribute__((aligned));
    fprintf(stderr, "netdelay: queue %d, %d ms\n", queue, atoi(argv[2]));
    while (!stopping) {
        int timeout_ms = 50;
        if (count > 0) {
            int64_t wait = ring[head].due_ns - now_ns();
            timeout_ms = wait <= 0 ? 0 : (int)((wait + 999999) / 1000000);
            if (timeout_ms > 50) timeout_ms = 50;
        }
        struct pollfd p = { fd, POLLIN, 0 };
        int ready = poll(&p, 1, timeout_ms);
        if (ready > 0 && (p.revents & POLLIN)) {
            /* Read what has come, without blocking, so the held packets are let go on time. */
            for (;;) {
                ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
                if (n > 0) { nfq_handle_packet(h, buf, (int)n); continue; }
                if (n < 0 && errno == ENOBUFS) { fprintf(stderr, "netdelay: receive buffer overrun\n"); continue; }
                break;
            }
        }
        release_due(q, 0);
    }
    release_due(q, 1);
    fprintf(stderr, "netdelay: held %llu packets, mean %.1f ms\n", released,
            released ? (double)held_ns_total / released / 1e6 : 0.0);
    nfq_destroy_queue(q);
    nfq_close(h);
    return 0;
}

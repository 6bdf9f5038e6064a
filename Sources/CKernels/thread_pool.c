// A thread pool for running one compiled plan: `ck_pool_run` hands every thread the same job
// (part 0 on the caller's thread), and inside the job the parts meet at `ck_pool_barrier`
// between steps. Waiting at a barrier spins (a step takes tens of microseconds, less than a
// sleeping thread needs to wake up), yielding the core now and then when it takes long. After a
// job the workers spin for the next one for a while (`next_job_spin`), then sleep on a condition
// variable; they stop spinning at once when another pool or OpenBLAS takes the cores
// (`ck_pool_quiet`), so two sets of threads never fight over them.
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include "CKernels.h"

struct ck_pool {
    int threads;
    pthread_t *workers;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    ck_pool_job job;
    void *context;
    long generation;              // bumped (under lock) for every job; workers wait for a change
    atomic_long published;        // generation, readable without the lock (for spinning workers)
    int sleepers;                 // workers waiting on `wake` (under lock): only then is a signal needed
    int stopping;
    atomic_int finished;          // workers done with the current job
    atomic_int arrived;           // barrier: parts that have arrived
    atomic_long phase;            // barrier: bumped when the last part arrives
    atomic_int ticket;            // the next piece of work to hand out; 0 after every barrier
};

static void relax(long spins) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#endif
    if (spins % 4096 == 4095) sched_yield();
}

typedef struct { ck_pool *pool; int part; } worker_start;

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

// How long a worker spins for the next job before it sleeps. Waking a sleeping thread costs
// 50–100 µs and more on a virtual machine, and a training step runs ~2,000 jobs with serial gaps
// of up to a few milliseconds between them: with 100 µs here the caller spent 12% of a batch-8
// step waiting for its worker to wake (Xeon family 6 model 167), with 10 ms 3%.
static const double next_job_spin = 10e-3;

// The pool whose job ran last, or none after `ck_pool_quiet`: only its workers keep spinning.
static _Atomic(ck_pool *) active_pool;

void ck_pool_quiet(void) { atomic_store_explicit(&active_pool, (ck_pool *)0, memory_order_relaxed); }

// Spins until a job newer than `seen` is published, `next_job_spin` passes or the cores go to
// another pool or to OpenBLAS; returns whether a job was published.
static int spin_for_next_job(ck_pool *pool, long seen) {
    double deadline = 0;
    for (long spins = 0;; spins++) {
        if (atomic_load_explicit(&pool->published, memory_order_acquire) != seen) return 1;
        if (atomic_load_explicit(&active_pool, memory_order_relaxed) != pool) return 0;
        if ((spins & 255) == 255) {
            double now = seconds_now();
            if (deadline == 0) deadline = now + next_job_spin;
            else if (now > deadline) return 0;
        }
#if defined(__x86_64__)
        __builtin_ia32_pause();
#endif
    }
}

static void *worker_main(void *argument) {
    worker_start start = *(worker_start *)argument;
    free(argument);
    ck_pool *pool = start.pool;
    long seen = 0;
    for (;;) {
        spin_for_next_job(pool, seen);
        pthread_mutex_lock(&pool->lock);
        while (pool->generation == seen && !pool->stopping) {
            pool->sleepers++;
            pthread_cond_wait(&pool->wake, &pool->lock);
            pool->sleepers--;
        }
        if (pool->stopping) { pthread_mutex_unlock(&pool->lock); return 0; }
        seen = pool->generation;
        ck_pool_job job = pool->job;
        void *context = pool->context;
        pthread_mutex_unlock(&pool->lock);
        job(context, start.part);
        atomic_fetch_add_explicit(&pool->finished, 1, memory_order_release);
    }
}

ck_pool *ck_pool_create(int threads) {
    ck_pool *pool = calloc(1, sizeof *pool);
    if (!pool) return 0;
    pool->threads = threads < 1 ? 1 : threads;
    pthread_mutex_init(&pool->lock, 0);
    pthread_cond_init(&pool->wake, 0);
    pool->workers = calloc((size_t)pool->threads, sizeof(pthread_t));
    for (int part = 1; part < pool->threads; part++) {
        worker_start *start = malloc(sizeof *start);
        start->pool = pool; start->part = part;
        if (pthread_create(&pool->workers[part], 0, worker_main, start) != 0) {
            free(start);
            pool->threads = part;          // fewer threads than asked: parts are split over these
            break;
        }
    }
    return pool;
}

int ck_pool_threads(const ck_pool *pool) { return pool->threads; }

void ck_pool_run(ck_pool *pool, ck_pool_job job, void *context) {
    atomic_store(&pool->ticket, 0);
    if (pool->threads == 1) { job(context, 0); return; }
    if (atomic_load_explicit(&active_pool, memory_order_relaxed) != pool) atomic_store_explicit(&active_pool, pool, memory_order_relaxed);
    atomic_store(&pool->finished, 0);
    pthread_mutex_lock(&pool->lock);
    pool->job = job; pool->context = context; pool->generation++;
    atomic_store_explicit(&pool->published, pool->generation, memory_order_release);
    if (pool->sleepers > 0) pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
    job(context, 0);
    for (long spins = 0; atomic_load_explicit(&pool->finished, memory_order_acquire) < pool->threads - 1; spins++) relax(spins);
}

void ck_pool_barrier(ck_pool *pool) {
    if (pool->threads == 1) { atomic_store(&pool->ticket, 0); return; }
    long phase = atomic_load_explicit(&pool->phase, memory_order_acquire);
    if (atomic_fetch_add_explicit(&pool->arrived, 1, memory_order_acq_rel) == pool->threads - 1) {
        atomic_store_explicit(&pool->arrived, 0, memory_order_relaxed);
        atomic_store_explicit(&pool->ticket, 0, memory_order_relaxed);
        atomic_fetch_add_explicit(&pool->phase, 1, memory_order_release);
        return;
    }
    for (long spins = 0; atomic_load_explicit(&pool->phase, memory_order_acquire) == phase; spins++) relax(spins);
}

int ck_pool_take(ck_pool *pool) { return atomic_fetch_add_explicit(&pool->ticket, 1, memory_order_relaxed); }

int ck_take_ticket(int *counter) { return __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED); }

void ck_pool_destroy(ck_pool *pool) {
    if (!pool) return;
    ck_pool *self = pool;
    atomic_compare_exchange_strong(&active_pool, &self, (ck_pool *)0);
    pthread_mutex_lock(&pool->lock);
    pool->stopping = 1;
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
    for (int part = 1; part < pool->threads; part++) pthread_join(pool->workers[part], 0);
    pthread_cond_destroy(&pool->wake);
    pthread_mutex_destroy(&pool->lock);
    free(pool->workers);
    free(pool);
}

/*
 * A stand-in for the NI-DAQmx C library (libnidaqmx.so), for the tests of org.onset.instrument.daqmx:
 * the functions the driver calls, with the same names, argument types and error conventions, and an
 * electrochemical cell behind the "device" (the model of /work/shared/PHYSICS.md, simplified):
 *
 *   onset at |V| = E_th + eta_nuc (eta_nuc drawn per ramp: 0.66 V +- 0.09 V, the matrix's median and
 *   pixel-to-pixel scatter), then a spherical-cap
 *   Li particle (h = 0.1 b, nucleus b0 = 2 nm) whose current obeys Butler-Volmer in series with the
 *   spreading resistance R0 + 1/(4 sigma b); dV/dt = |I| V_m / F. ΔZ = h.
 *
 * Signal chain: current amplifier 1e9 V/A, height sensor 1e8 V/m (10 nm/V), white noise 0.3 pA and
 * 0.05 nm rms, 12-bit ADC over each channel's range, 12-bit DAC over +-10 V.
 *
 * Timing follows the wall clock like hardware: AI sample k exists k/rate after DAQmxStartTask of
 * the AI task, plus a transfer latency; a timed AO task clocked by "/DevN/ai/SampleClock" outputs
 * sample k at AI sample k until DAQmxStopTask, then holds its last value until a static write.
 * DAQmxReadAnalogF64 blocks until the samples asked for exist (or its timeout).
 *
 * Test hooks (not NI API): OnsetFake_SetDevice (seed, transfer latency, faults) and
 * OnsetFake_LastRamp (what happened at the output after the last ramp).
 * Built by the test with gcc at test time; never shipped.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int32_t int32;
typedef uint32_t uInt32;
typedef uint64_t uInt64;
typedef double float64;
typedef uInt32 bool32;
typedef void *TaskHandle;

#define ERR_INVALID_TASK -200088
#define ERR_RESOURCE_RESERVED -50103
#define ERR_TIMEOUT -200284
#define ERR_OVERFLOW -200279
#define ERR_DEVICE_GONE -201003
#define ERR_BAD_DEVICE -200220
#define ERR_BAD_ARGUMENT -200077

#define MAX_DEVICES 512
#define MAX_CHANNELS 4

static const double E_TH = 3.04, K_CAP = 0.1, B0 = 2e-9, VM = 13.0e-6, F = 96485.332, R0 = 1e10,
                    SIGMA = 1e-2, I0 = 10.0, ALPHA = 0.5, F_RT = 96485.332 / (8.314462618 * 298.15);
static const double CURRENT_GAIN = 1e9, HEIGHT_GAIN = 1e8;

typedef struct {
    char name[64];
    int used;
    /* test configuration */
    uint64_t seed;
    double latency;      /* s between a sample's acquisition and its availability */
    double faultAfter;   /* s into an acquisition: reads fail with a buffer overflow; < 0 never */
    double removeAfter;  /* s into an acquisition: the device disappears; < 0 never */
    int removed;
    /* output */
    double staticLevel;  /* V, what a static write set */
    double lastOutput;   /* V, what the output holds now */
    /* the running ramp */
    struct Task *ai, *ao;
    double t0;           /* monotonic s of the AI start */
    double rate;
    uInt64 n;
    double *program;     /* AO values, n */
    uInt64 aoStopIndex;  /* first sample not generated (n while running) */
    int aoRunning;
    double zeroTime;     /* s since t0 when the output was set to a static level after the ramp, <0 not yet */
    /* samples computed so far (in order: the cell has a history) */
    uInt64 computed;
    double *curV, *hV, *biasOut;
    /* cell */
    uint64_t rng;
    double etaNuc, b, h;
    int nucleated;
    double lastT;
    /* report of the last ramp */
    double cutIndexTime, finalHeight, stopTime;
} Device;

typedef struct Task {
    int isAo, started, cleared;
    Device *dev;
    int nch;
    int chKind[MAX_CHANNELS];     /* AI: 0 current (ai0), 1 height (ai1) */
    double chMin[MAX_CHANNELS], chMax[MAX_CHANNELS];
    int timed;
    double rate;
    uInt64 n;
    char clockSource[128];
    uInt64 readPos;
} Task;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static Device devices[MAX_DEVICES];
static __thread char lastError[512];

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int32 fail(int32 code, const char *fmt, const char *arg) {
    snprintf(lastError, sizeof lastError, fmt, arg ? arg : "");
    return code;
}

static uint64_t next64(uint64_t *s) { /* splitmix64 */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double gauss(uint64_t *s) {
    double u1 = ((next64(s) >> 11) + 1.0) / 9007199254740993.0;
    double u2 = (next64(s) >> 11) / 9007199254740992.0;
    return sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
}

static Device *device(const char *physical) {
    char name[64];
    size_t k = 0;
    while (physical[k] == '/') physical++;
    while (physical[k] && physical[k] != '/' && k < sizeof name - 1) {
        name[k] = physical[k];
        k++;
    }
    name[k] = 0;
    if (strncmp(name, "Dev", 3) != 0 && strncmp(name, "PXI", 3) != 0) return NULL;
    for (int i = 0; i < MAX_DEVICES; i++)
        if (devices[i].used && strcmp(devices[i].name, name) == 0) return &devices[i];
    for (int i = 0; i < MAX_DEVICES; i++)
        if (!devices[i].used) {
            memset(&devices[i], 0, sizeof devices[i]);
            devices[i].used = 1;
            strcpy(devices[i].name, name);
            devices[i].seed = 20261206ULL + (uint64_t) i;
            devices[i].rng = devices[i].seed;
            devices[i].faultAfter = -1;
            devices[i].removeAfter = -1;
            devices[i].zeroTime = -1;
            return &devices[i];
        }
    return NULL;
}

static double quantize(double v, double min, double max) {
    double lsb = (max - min) / 4096.0;
    if (v < min) v = min;
    if (v > max - lsb) v = max - lsb;
    return min + floor((v - min) / lsb + 0.5) * lsb;
}

/* Butler-Volmer current through the particle for a total overpotential eta (V), A (>= 0). */
static double particleCurrent(double eta, double b) {
    if (eta <= 0) return 0;
    double rs = R0 + 1.0 / (4 * SIGMA * b);
    double area = M_PI * b * b, lo = 0, hi = eta;
    for (int it = 0; it < 50; it++) {
        double ct = 0.5 * (lo + hi);
        double i = I0 * area * (exp(ALPHA * F_RT * ct) - exp(-(1 - ALPHA) * F_RT * ct));
        if (ct + i * rs > eta) hi = ct; else lo = ct;
    }
    double ct = 0.5 * (lo + hi);
    return (eta - ct) / rs;
}

/* Advances the cell to time t (s since t0) at bias v; returns the faradaic current (A, <= 0). */
static double cellStep(Device *d, double t, double v) {
    double dt = t - d->lastT;
    d->lastT = t;
    double eta = -v - E_TH;
    if (!d->nucleated && eta >= d->etaNuc) {
        d->nucleated = 1;
        d->b = B0;
        d->h = K_CAP * B0;
    }
    if (!d->nucleated) return 0;
    double i = particleCurrent(eta, d->b);
    if (dt > 0 && i > 0) {
        double vol = M_PI / 6 * d->h * (3 * d->b * d->b + d->h * d->h) + i * VM / F * dt;
        /* invert V = (pi/6) k b^3 (3 + k^2) */
        d->b = cbrt(vol / (M_PI / 6 * K_CAP * (3 + K_CAP * K_CAP)));
        d->h = K_CAP * d->b;
    }
    return -i;
}

/* The bias at the output during sample k. */
static double outputAt(Device *d, uInt64 k) {
    if (k < d->aoStopIndex && d->program) return d->program[k];
    double t = k / d->rate;
    if (d->zeroTime >= 0 && t >= d->zeroTime) return d->staticLevel;
    return d->aoStopIndex > 0 && d->program ? d->program[d->aoStopIndex - 1] : d->staticLevel;
}

static void computeUpTo(Device *d, uInt64 upTo) {
    for (uInt64 k = d->computed; k < upTo && k < d->n; k++) {
        double t = k / d->rate, v = outputAt(d, k);
        double i = cellStep(d, t, v) + v / 1e13 + 0.3e-12 * gauss(&d->rng);
        d->curV[k] = i * CURRENT_GAIN;
        d->hV[k] = (d->nucleated ? d->h : 0) * HEIGHT_GAIN + 0.05e-9 * HEIGHT_GAIN * gauss(&d->rng);
        d->biasOut[k] = v;
        d->computed = k + 1;
    }
}

/* Samples the device has acquired and transferred by now. */
static uInt64 availableNow(Device *d) {
    if (!d->ai || !d->ai->started) return d->computed;
    double el = now() - d->t0 - d->latency;
    if (el < 0) return 0;
    uInt64 k = (uInt64) floor(el * d->rate) + 1;
    return k > d->n ? d->n : k;
}

static int32 checkGone(Device *d) {
    if (d->removed) return fail(ERR_DEVICE_GONE, "Device cannot be accessed. Possible causes: device was removed (%s)", d->name);
    if (d->removeAfter >= 0 && d->ai && d->ai->started && now() - d->t0 > d->removeAfter) {
        d->removed = 1;
        return fail(ERR_DEVICE_GONE, "Device cannot be accessed. Possible causes: device was removed (%s)", d->name);
    }
    return 0;
}

/* ------------------------------------------------------------------ NI-DAQmx API */

int32 DAQmxGetExtendedErrorInfo(char errorString[], uInt32 bufferSize) {
    if (bufferSize > 0) {
        strncpy(errorString, lastError, bufferSize - 1);
        errorString[bufferSize - 1] = 0;
    }
    return 0;
}

int32 DAQmxGetDevProductType(const char device_[], char *data, uInt32 bufferSize) {
    pthread_mutex_lock(&lock);
    Device *d = device(device_);
    int32 rc = 0;
    if (!d) rc = fail(ERR_BAD_DEVICE, "Device identifier is invalid: '%s'", device_);
    else {
        d->removed = 0; /* plugged in again */
        snprintf(data, bufferSize, "PCI-6115 (Onset test library)");
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int32 DAQmxCreateTask(const char taskName[], TaskHandle *taskHandle) {
    Task *t = calloc(1, sizeof(Task));
    if (!t) return fail(ERR_BAD_ARGUMENT, "out of memory%s", "");
    *taskHandle = t;
    return 0;
}

static int32 addChannel(Task *t, int isAo, const char *physical, double min, double max) {
    pthread_mutex_lock(&lock);
    Device *d = device(physical);
    int32 rc = 0;
    if (!d) rc = fail(ERR_BAD_DEVICE, "Physical channel does not exist: '%s'", physical);
    else if ((rc = checkGone(d)) == 0) {
        if (t->nch >= MAX_CHANNELS || (t->dev && t->dev != d) || (t->nch > 0 && t->isAo != isAo)) {
            rc = fail(ERR_BAD_ARGUMENT, "cannot add channel '%s' to this task", physical);
        } else {
            const char *slash = strrchr(physical, '/');
            t->dev = d;
            t->isAo = isAo;
            t->chKind[t->nch] = slash && strstr(slash, "ai1") ? 1 : 0;
            t->chMin[t->nch] = min;
            t->chMax[t->nch] = max;
            t->nch++;
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int32 DAQmxCreateAIVoltageChan(TaskHandle task, const char physicalChannel[], const char nameToAssignToChannel[],
        int32 terminalConfig, float64 minVal, float64 maxVal, int32 units, const char customScaleName[]) {
    return addChannel((Task *) task, 0, physicalChannel, minVal, maxVal);
}

int32 DAQmxCreateAOVoltageChan(TaskHandle task, const char physicalChannel[], const char nameToAssignToChannel[],
        float64 minVal, float64 maxVal, int32 units, const char customScaleName[]) {
    return addChannel((Task *) task, 1, physicalChannel, minVal, maxVal);
}

int32 DAQmxCfgSampClkTiming(TaskHandle task, const char source[], float64 rate, int32 activeEdge, int32 sampleMode,
        uInt64 sampsPerChanToAcquire) {
    Task *t = task;
    if (!(rate > 0) || sampsPerChanToAcquire < 1) return fail(ERR_BAD_ARGUMENT, "invalid timing%s", "");
    t->timed = 1;
    t->rate = rate;
    t->n = sampsPerChanToAcquire;
    snprintf(t->clockSource, sizeof t->clockSource, "%s", source ? source : "");
    return 0;
}

int32 DAQmxWriteAnalogF64(TaskHandle task, int32 numSampsPerChan, bool32 autoStart, float64 timeout,
        bool32 dataLayout, const float64 writeArray[], int32 *sampsPerChanWritten, bool32 *reserved) {
    Task *t = task;
    if (!t->isAo || !t->timed || numSampsPerChan < 1 || (uInt64) numSampsPerChan > t->n)
        return fail(ERR_BAD_ARGUMENT, "buffered write needs a timed AO task of at least this many samples%s", "");
    pthread_mutex_lock(&lock);
    Device *d = t->dev;
    int32 rc = checkGone(d);
    if (rc == 0) {
        free(d->program);
        d->program = malloc(sizeof(double) * t->n);
        for (uInt64 k = 0; k < t->n; k++)
            d->program[k] = quantize(writeArray[k < (uInt64) numSampsPerChan ? k : numSampsPerChan - 1], -10, 10);
        if (sampsPerChanWritten) *sampsPerChanWritten = numSampsPerChan;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int32 DAQmxWriteAnalogScalarF64(TaskHandle task, bool32 autoStart, float64 timeout, float64 value, bool32 *reserved) {
    Task *t = task;
    if (!t->isAo || t->timed) return fail(ERR_BAD_ARGUMENT, "a scalar write needs an on-demand AO task%s", "");
    pthread_mutex_lock(&lock);
    Device *d = t->dev;
    int32 rc = checkGone(d);
    if (rc == 0 && d->aoRunning) rc = fail(ERR_RESOURCE_RESERVED, "Specified resource is reserved: %s/ao0 (a timed task runs)", d->name);
    if (rc == 0) {
        if (d->ai && d->ai->started && d->zeroTime < 0) {
            /* the ramp's output ends here: the cell grows at the held bias until now */
            double t1 = now() - d->t0;
            d->zeroTime = t1;
            uInt64 upTo = (uInt64) floor(t1 * d->rate) + 1;
            computeUpTo(d, upTo);
            d->finalHeight = d->nucleated ? d->h : 0;
        }
        d->staticLevel = quantize(value, -10, 10);
        d->lastOutput = d->staticLevel;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int32 DAQmxStartTask(TaskHandle task) {
    Task *t = task;
    pthread_mutex_lock(&lock);
    Device *d = t->dev;
    int32 rc = d ? checkGone(d) : fail(ERR_INVALID_TASK, "task has no channels%s", "");
    if (rc == 0 && t->isAo) {
        if (!t->timed || !d->program) rc = fail(ERR_BAD_ARGUMENT, "start of an AO task without timing or data%s", "");
        else if (!strstr(t->clockSource, "ai/SampleClock")) rc = fail(ERR_BAD_ARGUMENT, "this test library only clocks AO from the AI sample clock, got '%s'", t->clockSource);
        else {
            d->ao = t;
            d->aoRunning = 1;
            d->aoStopIndex = t->n;
            t->started = 1;
        }
    } else if (rc == 0) {
        if (!t->timed) rc = fail(ERR_BAD_ARGUMENT, "start of an AI task without timing%s", "");
        else {
            d->ai = t;
            d->rate = t->rate;
            d->n = t->n;
            free(d->curV); free(d->hV); free(d->biasOut);
            d->curV = calloc(t->n, sizeof(double));
            d->hV = calloc(t->n, sizeof(double));
            d->biasOut = calloc(t->n, sizeof(double));
            d->computed = 0;
            if (!d->aoRunning) {
                d->aoStopIndex = 0; /* no ramp: the static level stays */
                free(d->program);
                d->program = NULL;
            }
            /* a fresh spot of the sample for every acquisition */
            d->nucleated = 0;
            d->etaNuc = 0.66 + 0.09 * gauss(&d->rng);
            d->b = d->h = 0;
            d->lastT = 0;
            d->zeroTime = -1;
            d->finalHeight = 0;
            d->stopTime = -1;
            t->readPos = 0;
            t->started = 1;
            d->t0 = now();
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int32 DAQmxStopTask(TaskHandle task) {
    Task *t = task;
    pthread_mutex_lock(&lock);
    Device *d = t->dev;
    if (d && t->isAo && t->started && d->aoRunning && d->ao == t) {
        double el = now() - d->t0;
        uInt64 k = d->ai && d->ai->started ? (uInt64) floor(el * d->rate) + 1 : 0;
        if (k < d->aoStopIndex) d->aoStopIndex = k;
        d->aoRunning = 0;
        d->stopTime = el;
        d->lastOutput = d->aoStopIndex > 0 ? d->program[d->aoStopIndex - 1] : d->staticLevel;
    }
    if (d && !t->isAo && t->started && d->ai == t) {
        computeUpTo(d, availableNow(d));
        t->started = 0;
    }
    t->started = 0;
    pthread_mutex_unlock(&lock);
    return 0;
}

int32 DAQmxClearTask(TaskHandle task) {
    Task *t = task;
    DAQmxStopTask(task);
    pthread_mutex_lock(&lock);
    if (t->dev && t->dev->ai == t) t->dev->ai = NULL;
    if (t->dev && t->dev->ao == t) t->dev->ao = NULL;
    pthread_mutex_unlock(&lock);
    free(t);
    return 0;
}

int32 DAQmxGetWriteTotalSampPerChanGenerated(TaskHandle task, uInt64 *data) {
    Task *t = task;
    pthread_mutex_lock(&lock);
    Device *d = t->dev;
    uInt64 gen = 0;
    if (d && d->ao == t) {
        uInt64 acquired = d->ai && d->ai->started ? (uInt64) floor((now() - d->t0) * d->rate) + 1 : d->n;
        gen = d->aoStopIndex < acquired ? d->aoStopIndex : acquired;
        if (gen > d->n) gen = d->n;
    }
    *data = gen;
    pthread_mutex_unlock(&lock);
    return 0;
}

int32 DAQmxReadAnalogF64(TaskHandle task, int32 numSampsPerChan, float64 timeout, bool32 fillMode,
        float64 readArray[], uInt32 arraySizeInSamps, int32 *sampsPerChanRead, bool32 *reserved) {
    Task *t = task;
    double deadline = now() + (timeout < 0 ? 1e9 : timeout);
    if (sampsPerChanRead) *sampsPerChanRead = 0;
    for (;;) {
        pthread_mutex_lock(&lock);
        Device *d = t->dev;
        int32 rc = d ? checkGone(d) : fail(ERR_INVALID_TASK, "task has no channels%s", "");
        if (rc == 0 && d->ai != t) rc = fail(ERR_INVALID_TASK, "task is not running%s", "");
        if (rc == 0 && d->faultAfter >= 0 && t->started && now() - d->t0 > d->faultAfter)
            rc = fail(ERR_OVERFLOW, "Onboard device memory overflow: the application is not able to keep up with the hardware acquisition (%s)", d->name);
        if (rc != 0) {
            pthread_mutex_unlock(&lock);
            return rc;
        }
        uInt64 avail = t->started ? availableNow(d) : d->computed;
        uInt64 want = numSampsPerChan < 0 ? avail - t->readPos : (uInt64) numSampsPerChan;
        if (t->readPos + want > d->n) want = d->n - t->readPos;
        if ((uInt64) t->nch * want > arraySizeInSamps) {
            pthread_mutex_unlock(&lock);
            return fail(ERR_BAD_ARGUMENT, "read buffer too small%s", "");
        }
        if (t->readPos + want <= avail || !t->started) {
            if (t->readPos + want > avail) want = avail - t->readPos;
            computeUpTo(d, t->readPos + want);
            for (uInt64 k = 0; k < want; k++)
                for (int c = 0; c < t->nch; c++) {
                    double v = t->chKind[c] == 1 ? d->hV[t->readPos + k] : d->curV[t->readPos + k];
                    double q = quantize(v, t->chMin[c], t->chMax[c]);
                    if (fillMode) readArray[k * t->nch + c] = q; /* by scan number (interleaved) */
                    else readArray[c * want + k] = q;
                }
            t->readPos += want;
            if (sampsPerChanRead) *sampsPerChanRead = (int32) want;
            pthread_mutex_unlock(&lock);
            return 0;
        }
        double missing = (t->readPos + want - avail) / d->rate;
        pthread_mutex_unlock(&lock);
        if (now() > deadline) return fail(ERR_TIMEOUT, "Some or all of the samples requested have not yet been acquired (timeout)%s", "");
        struct timespec nap = {0, (long) (missing > 2e-4 ? 1e5 : 2e4)}; /* 100 us or 20 us */
        nanosleep(&nap, NULL);
    }
}

/* ------------------------------------------------------------------ test hooks */

/** Configures a device before a test; negative times = never. */
int32 OnsetFake_SetDevice(const char name[], uInt64 seed, float64 latency, float64 faultAfter, float64 removeAfter) {
    pthread_mutex_lock(&lock);
    Device *d = device(name);
    int32 rc = 0;
    if (!d) rc = fail(ERR_BAD_DEVICE, "Device identifier is invalid: '%s'", name);
    else {
        d->seed = seed;
        d->rng = seed;
        d->latency = latency;
        d->faultAfter = faultAfter;
        d->removeAfter = removeAfter;
        d->removed = 0;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

/** After a ramp: out[0] output now (V), out[1] s from the AI start to the AO stop, out[2] s to the
 *  static write that ended the ramp, out[3] particle height then (m), out[4] whether it nucleated. */
int32 OnsetFake_LastRamp(const char name[], float64 out[5]) {
    pthread_mutex_lock(&lock);
    Device *d = device(name);
    int32 rc = 0;
    if (!d) rc = fail(ERR_BAD_DEVICE, "Device identifier is invalid: '%s'", name);
    else {
        out[0] = d->aoRunning ? NAN : d->lastOutput;
        out[1] = d->stopTime;
        out[2] = d->zeroTime;
        out[3] = d->finalHeight;
        out[4] = d->nucleated;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

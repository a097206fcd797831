package org.onset.sweep.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.onset.sweep.api.PixelResult;
import org.onset.sweep.api.SweepEvents;
import org.onset.sweep.api.SweepRun;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts the events of one run on EventAdmin, when one is bound (asynchronously: never slows a pixel). */
final class EventPublisher {
    private final Supplier<EventAdmin> eventAdmin;

    EventPublisher(Supplier<EventAdmin> eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    void run(String topic, SweepRun run, String reason) {
        EventAdmin admin = eventAdmin.get();
        if (admin != null) {
            admin.postEvent(new Event(topic, base(run, reason)));
        }
    }

    void pixel(String topic, SweepRun run, PixelResult px) {
        EventAdmin admin = eventAdmin.get();
        if (admin == null) {
            return;
        }
        Map<String, Object> p = base(run, px.faultReason());
        p.put(SweepEvents.PIXEL_INDEX, px.index());
        p.put(SweepEvents.PIXEL_I, px.i());
        p.put(SweepEvents.PIXEL_J, px.j());
        p.put(SweepEvents.PIXEL_X, px.x());
        p.put(SweepEvents.PIXEL_Y, px.y());
        p.put(SweepEvents.ONSET_BIAS, px.onsetBias());
        p.put(SweepEvents.CURRENT_AT_END, px.currentAtEnd());
        p.put(SweepEvents.HEIGHT_CHANGE, px.heightChangeAtEnd());
        p.put(SweepEvents.RULE, px.rule());
        p.put(SweepEvents.TERMINATION, px.termination().name());
        admin.postEvent(new Event(topic, p));
    }

    private static Map<String, Object> base(SweepRun run, String reason) {
        Map<String, Object> p = new HashMap<>();
        p.put(SweepEvents.RUN_ID, run.id());
        p.put(SweepEvents.INSTRUMENT_ID, run.recipe().instrumentId());
        p.put(SweepEvents.OUTPUT, run.output().toString());
        var progress = run.progress();
        p.put(SweepEvents.STATE, progress.state().name());
        p.put(SweepEvents.DONE, progress.done());
        p.put(SweepEvents.TOTAL, progress.total());
        p.put(SweepEvents.REASON, reason == null ? "" : reason);
        return p;
    }
}

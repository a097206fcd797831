package org.onset.analysis.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Services in the order a consumer should ask them: highest {@code service.ranking} first, and
 * among equal rankings the one registered first (lowest {@code service.id}) — the order of
 * {@code ServiceReference.compareTo}, kept here so that it can be tested without a framework.
 * Thread-safe: providers come and go while maps are analysed.
 */
final class RankedProviders<S> {

    private record Entry<S>(S service, int ranking, long serviceId) {
    }

    private static final Comparator<Entry<?>> ORDER = Comparator.<Entry<?>>comparingInt(e -> -e.ranking())
            .thenComparingLong(Entry::serviceId);

    private final List<Entry<S>> entries = new ArrayList<>();

    synchronized void add(S service, int ranking, long serviceId) {
        entries.add(new Entry<>(service, ranking, serviceId));
        entries.sort(ORDER);
    }

    synchronized void remove(S service) {
        entries.removeIf(e -> e.service() == service);
    }

    /** A snapshot, best first. */
    synchronized List<S> inOrder() {
        return entries.stream().map(Entry::service).toList();
    }

    /** {@code service.ranking} of service properties: 0 when absent or not an Integer (as OSGi does). */
    static int ranking(Object property) {
        return property instanceof Integer i ? i : 0;
    }

    static long serviceId(Object property) {
        return property instanceof Long l ? l : Long.MAX_VALUE;
    }
}

package org.onset.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class RankedProvidersTest {
    @Test
    void highestRankingFirstThenTheOneRegisteredFirst() {
        RankedProviders<String> p = new RankedProviders<>();
        p.add("ground truth", 0, 17);
        p.add("mask", 10, 30);
        p.add("data", 0, 12);
        p.add("fallback", -5, 3);
        assertEquals(List.of("mask", "data", "ground truth", "fallback"), p.inOrder());
        p.remove("mask");
        assertEquals(List.of("data", "ground truth", "fallback"), p.inOrder());
    }

    @Test
    void rankingAndServiceIdAsOsgiReadsThem() {
        assertEquals(3, RankedProviders.ranking(3));
        assertEquals(0, RankedProviders.ranking(null));
        assertEquals(0, RankedProviders.ranking("7"), "service.ranking that is not an Integer counts as 0");
        assertEquals(42L, RankedProviders.serviceId(42L));
    }
}

package org.onset.analysis.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.PhaseMapProvider;
import org.onset.analysis.PhaseMapProviders;
import org.onset.analysis.PhaseMapService;
import org.onset.map.api.MapFile;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The phase-map service over every registered {@link PhaseMapProvider}. Providers are bound
 * dynamically (0 … n): installing or removing one, the simulator's included, never restarts this
 * service or the commands that use it.
 */
@Component(service = PhaseMapService.class)
public final class RankedPhaseMapService implements PhaseMapService {

    private final RankedProviders<PhaseMapProvider> providers = new RankedProviders<>();
    /** Per provider, its id and whether it is a ground truth (from its service properties). */
    private final Map<PhaseMapProvider, Identity> identities = Collections.synchronizedMap(new IdentityHashMap<>());

    private record Identity(String id, boolean groundTruth) {
    }
    private final Logger logger;

    @Activate
    public RankedPhaseMapService(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProvider")
    void addProvider(PhaseMapProvider provider, Map<String, Object> properties) {
        providers.add(provider, RankedProviders.ranking(properties.get(Constants.SERVICE_RANKING)),
                RankedProviders.serviceId(properties.get(Constants.SERVICE_ID)));
        Object id = properties.get(PhaseMapProviders.ID);
        identities.put(provider, new Identity(id instanceof String s && !s.isBlank() ? s : provider.getClass().getName(),
                Boolean.TRUE.equals(properties.get(PhaseMapProviders.GROUND_TRUTH))
                        || "true".equals(properties.get(PhaseMapProviders.GROUND_TRUTH))));
    }

    void removeProvider(PhaseMapProvider provider) {
        providers.remove(provider);
        identities.remove(provider);
    }

    private Identity identity(PhaseMapProvider provider) {
        Identity i = identities.get(provider);
        return i == null ? new Identity(provider.getClass().getName(), false) : i;
    }

    @Override
    public List<String> providerIds() {
        return providers.inOrder().stream().map(p -> identity(p).id()).toList();
    }

    @Override
    public Optional<PhaseMap> phaseMap(MapFile map, String providerId) throws IOException {
        List<PhaseMapProvider> all = providers.inOrder();
        for (PhaseMapProvider p : all) {
            if (identity(p).id().equals(providerId)) {
                return ask(p, map);
            }
        }
        throw new IllegalArgumentException("no phase-map provider '" + providerId + "' is installed"
                + (all.isEmpty() ? " (none is)" : "; installed: " + String.join(", ", providerIds())));
    }

    @Override
    public Optional<PhaseMap> estimatedPhaseMap(MapFile map) throws IOException {
        return first(map, false);
    }

    @Override
    public Optional<PhaseMap> groundTruth(MapFile map) throws IOException {
        return first(map, true);
    }

    private Optional<PhaseMap> first(MapFile map, boolean groundTruth) throws IOException {
        for (PhaseMapProvider p : providers.inOrder()) {
            if (identity(p).groundTruth() == groundTruth) {
                Optional<PhaseMap> m = ask(p, map);
                if (m.isPresent()) {
                    return m;
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<PhaseMap> phaseMap(MapFile map) throws IOException {
        for (PhaseMapProvider p : providers.inOrder()) {
            Optional<PhaseMap> m = ask(p, map);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<PhaseMap> phaseMaps(MapFile map) throws IOException {
        List<PhaseMap> all = new ArrayList<>();
        for (PhaseMapProvider p : providers.inOrder()) {
            ask(p, map).ifPresent(all::add);
        }
        return all;
    }

    /**
     * One provider's answer. A provider that fails on a file it cannot read passes the IOException
     * on; one that fails in itself is logged and skipped, so a broken plug-in cannot stop the
     * statistics of a map.
     */
    private Optional<PhaseMap> ask(PhaseMapProvider provider, MapFile map) throws IOException {
        try {
            Optional<PhaseMap> m = provider.phaseMap(map);
            if (m == null) {
                return Optional.empty();
            }
            if (m.isPresent() && !m.get().grid().equals(map.grid())) {
                logger.warn("phase-map provider {} gave a map of grid {} for {} (grid {}); ignored",
                        provider.getClass().getName(), m.get().grid(), map.file(), map.grid());
                return Optional.empty();
            }
            return m;
        } catch (RuntimeException e) {
            logger.warn("phase-map provider {} failed on {}; skipped", provider.getClass().getName(), map.file(), e);
            return Optional.empty();
        }
    }
}

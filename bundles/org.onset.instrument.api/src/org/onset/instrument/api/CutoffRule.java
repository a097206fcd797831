package org.onset.instrument.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The compliance rule armed during a ramp. Leaves compare one channel with a threshold; composites
 * combine them: {@link AnyOf either}, {@link AllOf both} (each has fired at some sample), and
 * {@link Then one then the other} (the second is armed only once the first has fired).
 *
 * <p>Rules are immutable values; {@link #arm()} makes the stateful {@link Evaluator} a driver
 * feeds sample by sample (in software) or translates into hardware triggers.
 */
public sealed interface CutoffRule
        permits CutoffRule.None, CutoffRule.Current, CutoffRule.Height, CutoffRule.AnyOf, CutoffRule.AllOf,
        CutoffRule.Then {

    /** Words a user reads, e.g. "current <= -1.0E-11 A". */
    String describe();

    /** True when evaluating this rule needs {@code channel}. */
    boolean needs(Channel channel);

    /** A fresh evaluator for one ramp. */
    Evaluator arm();

    static CutoffRule none() {
        return None.INSTANCE;
    }

    /** Fires when the current reaches {@code amps} in the direction of its sign (−10 pA: I ≤ −10 pA). */
    static CutoffRule current(double amps) {
        return new Current(amps);
    }

    /** Fires when the height has grown by {@code metres} (or shrunk, for a negative value) since the start. */
    static CutoffRule height(double metres) {
        return new Height(metres);
    }

    static CutoffRule anyOf(CutoffRule... rules) {
        return new AnyOf(List.of(rules));
    }

    static CutoffRule allOf(CutoffRule... rules) {
        return new AllOf(List.of(rules));
    }

    static CutoffRule then(CutoffRule first, CutoffRule second) {
        return new Then(first, second);
    }

    /**
     * Stateful check of one ramp. Feed every sample in order; once {@link #offer} returned true the
     * rule has fired and {@link #firedBy()} names the leaf that completed it.
     */
    interface Evaluator {
        /**
         * @param current A
         * @param heightChange m since the ramp start (NaN when there is no height channel)
         * @return true when the rule fires at this sample
         */
        boolean offer(double current, double heightChange);

        /** Name of the leaf that completed the firing, or "" while not fired. */
        String firedBy();
    }

    /** No cutoff: the ramp runs to its end. */
    enum None implements CutoffRule {
        INSTANCE;

        @Override
        public String describe() {
            return "none";
        }

        @Override
        public boolean needs(Channel channel) {
            return false;
        }

        @Override
        public Evaluator arm() {
            return new Evaluator() {
                @Override
                public boolean offer(double current, double heightChange) {
                    return false;
                }

                @Override
                public String firedBy() {
                    return "";
                }
            };
        }
    }

    /** Current threshold, A. Sign gives the direction. */
    record Current(double amps) implements CutoffRule {
        public Current {
            if (!Double.isFinite(amps) || amps == 0) {
                throw new IllegalArgumentException("current cutoff must be a finite, non-zero current in A, got " + amps);
            }
        }

        @Override
        public String describe() {
            return amps < 0 ? "current <= " + amps + " A" : "current >= " + amps + " A";
        }

        @Override
        public boolean needs(Channel channel) {
            return channel == Channel.CURRENT;
        }

        @Override
        public Evaluator arm() {
            return new Leaf("current") {
                @Override
                boolean reached(double current, double heightChange) {
                    return amps < 0 ? current <= amps : current >= amps;
                }
            };
        }
    }

    /** Height-change threshold, m. Sign gives the direction. */
    record Height(double metres) implements CutoffRule {
        public Height {
            if (!Double.isFinite(metres) || metres == 0) {
                throw new IllegalArgumentException("height cutoff must be a finite, non-zero height change in m, got "
                        + metres);
            }
        }

        @Override
        public String describe() {
            return metres > 0 ? "height >= +" + metres + " m" : "height <= " + metres + " m";
        }

        @Override
        public boolean needs(Channel channel) {
            return channel == Channel.HEIGHT;
        }

        @Override
        public Evaluator arm() {
            return new Leaf("height") {
                @Override
                boolean reached(double current, double heightChange) {
                    return metres > 0 ? heightChange >= metres : heightChange <= metres;
                }
            };
        }
    }

    /** Fires as soon as any of the rules fires. */
    record AnyOf(List<CutoffRule> rules) implements CutoffRule {
        public AnyOf {
            rules = List.copyOf(rules);
            if (rules.size() < 2) {
                throw new IllegalArgumentException("anyOf needs at least two rules");
            }
        }

        @Override
        public String describe() {
            return joined(rules, " or ");
        }

        @Override
        public boolean needs(Channel channel) {
            return anyNeeds(rules, channel);
        }

        @Override
        public Evaluator arm() {
            List<Evaluator> parts = rules.stream().map(CutoffRule::arm).toList();
            return new Evaluator() {
                private String by = "";

                @Override
                public boolean offer(double current, double heightChange) {
                    boolean fired = false;
                    for (Evaluator e : parts) {
                        if (e.offer(current, heightChange) && !fired) {
                            fired = true;
                            by = e.firedBy();
                        }
                    }
                    return fired;
                }

                @Override
                public String firedBy() {
                    return by;
                }
            };
        }
    }

    /** Fires at the sample where the last of the rules has fired (each latches once it fired). */
    record AllOf(List<CutoffRule> rules) implements CutoffRule {
        public AllOf {
            rules = List.copyOf(rules);
            if (rules.size() < 2) {
                throw new IllegalArgumentException("allOf needs at least two rules");
            }
        }

        @Override
        public String describe() {
            return joined(rules, " and ");
        }

        @Override
        public boolean needs(Channel channel) {
            return anyNeeds(rules, channel);
        }

        @Override
        public Evaluator arm() {
            List<Evaluator> parts = rules.stream().map(CutoffRule::arm).toList();
            boolean[] latched = new boolean[parts.size()];
            return new Evaluator() {
                private String by = "";

                @Override
                public boolean offer(double current, double heightChange) {
                    boolean all = true;
                    for (int i = 0; i < parts.size(); i++) {
                        if (!latched[i] && parts.get(i).offer(current, heightChange)) {
                            latched[i] = true;
                            by = parts.get(i).firedBy();
                        }
                        all &= latched[i];
                    }
                    return all;
                }

                @Override
                public String firedBy() {
                    return by;
                }
            };
        }
    }

    /** Arms {@code second} only after {@code first} fired; fires when {@code second} fires. */
    record Then(CutoffRule first, CutoffRule second) implements CutoffRule {
        public Then {
            if (first == null || second == null || first instanceof None || second instanceof None) {
                throw new IllegalArgumentException("'then' needs two real rules");
            }
        }

        @Override
        public String describe() {
            return "(" + first.describe() + ") then (" + second.describe() + ")";
        }

        @Override
        public boolean needs(Channel channel) {
            return first.needs(channel) || second.needs(channel);
        }

        @Override
        public Evaluator arm() {
            Evaluator a = first.arm();
            Evaluator b = second.arm();
            return new Evaluator() {
                private boolean firstFired;

                @Override
                public boolean offer(double current, double heightChange) {
                    if (!firstFired) {
                        firstFired = a.offer(current, heightChange);
                        return false;
                    }
                    return b.offer(current, heightChange);
                }

                @Override
                public String firedBy() {
                    return b.firedBy();
                }
            };
        }
    }

    private static String joined(List<CutoffRule> rules, String separator) {
        return rules.stream().map(r -> "(" + r.describe() + ")").collect(Collectors.joining(separator));
    }

    private static boolean anyNeeds(List<CutoffRule> rules, Channel channel) {
        return rules.stream().anyMatch(r -> r.needs(channel));
    }

    /** A single threshold comparison. */
    abstract class Leaf implements Evaluator {
        private final String name;
        private boolean fired;

        Leaf(String name) {
            this.name = name;
        }

        abstract boolean reached(double current, double heightChange);

        @Override
        public boolean offer(double current, double heightChange) {
            if (reached(current, heightChange)) {
                fired = true;
                return true;
            }
            return false;
        }

        @Override
        public String firedBy() {
            return fired ? name : "";
        }
    }
}

package org.onset.ui.acquisition.internal;

import java.util.ArrayList;
import java.util.List;

import org.onset.instrument.api.CutoffRule;

/**
 * The cutoff rule tree as one line a user types, with the units of the recipe format:
 * {@code none}, {@code current -10 pA}, {@code height 8 nm}, {@code any(r, r, ...)},
 * {@code all(r, r, ...)} and {@code then(first, second)}.
 */
final class CutoffText {

    private final String s;
    private int pos;

    private CutoffText(String s) {
        this.s = s;
    }

    /** @throws IllegalArgumentException saying what was expected where */
    static CutoffRule parse(String text) {
        CutoffText p = new CutoffText(text == null ? "" : text);
        CutoffRule r = p.rule();
        p.skip();
        if (p.pos < p.s.length()) {
            throw new IllegalArgumentException("unexpected '" + p.s.substring(p.pos) + "' after the rule");
        }
        return r;
    }

    static String format(CutoffRule rule) {
        if (rule instanceof CutoffRule.None) {
            return "none";
        } else if (rule instanceof CutoffRule.Current c) {
            return "current " + Numbers.format(c.amps() * 1e12) + " pA";
        } else if (rule instanceof CutoffRule.Height h) {
            return "height " + Numbers.format(h.metres() * 1e9) + " nm";
        } else if (rule instanceof CutoffRule.AnyOf a) {
            return "any(" + String.join(", ", a.rules().stream().map(CutoffText::format).toList()) + ")";
        } else if (rule instanceof CutoffRule.AllOf a) {
            return "all(" + String.join(", ", a.rules().stream().map(CutoffText::format).toList()) + ")";
        } else if (rule instanceof CutoffRule.Then t) {
            return "then(" + format(t.first()) + ", " + format(t.second()) + ")";
        }
        throw new IllegalArgumentException("unknown rule " + rule);
    }

    private void skip() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private String word() {
        skip();
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "+-.µ".indexOf(s.charAt(pos)) >= 0)) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private CutoffRule rule() {
        int at = pos;
        String w = word().toLowerCase();
        switch (w) {
            case "none":
                return CutoffRule.none();
            case "current": {
                double v = number("current");
                String unit = word();
                double scale = switch (unit) {
                    case "pA" -> 1e-12;
                    case "nA" -> 1e-9;
                    default -> throw new IllegalArgumentException("current needs a unit pA or nA, got '" + unit + "'");
                };
                return CutoffRule.current(v * scale);
            }
            case "height": {
                double v = number("height");
                String unit = word();
                if (!unit.equals("nm")) {
                    throw new IllegalArgumentException("height needs the unit nm, got '" + unit + "'");
                }
                return CutoffRule.height(v * 1e-9);
            }
            case "any", "all", "then": {
                List<CutoffRule> parts = arguments(w);
                if (w.equals("then")) {
                    if (parts.size() != 2) {
                        throw new IllegalArgumentException("then(...) needs exactly two rules, got " + parts.size());
                    }
                    return CutoffRule.then(parts.get(0), parts.get(1));
                }
                if (parts.size() < 2) {
                    throw new IllegalArgumentException(w + "(...) needs at least two rules, got " + parts.size());
                }
                CutoffRule[] a = parts.toArray(CutoffRule[]::new);
                return w.equals("any") ? CutoffRule.anyOf(a) : CutoffRule.allOf(a);
            }
            default:
                throw new IllegalArgumentException("expected none, current, height, any, all or then at position "
                        + (at + 1) + (w.isEmpty() ? "" : ", got '" + w + "'"));
        }
    }

    private double number(String what) {
        String n = word();
        try {
            return Double.parseDouble(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " needs a number, got '" + n + "'");
        }
    }

    private List<CutoffRule> arguments(String w) {
        skip();
        if (pos >= s.length() || s.charAt(pos) != '(') {
            throw new IllegalArgumentException(w + " needs its rules in parentheses: " + w + "(rule, rule)");
        }
        pos++;
        List<CutoffRule> parts = new ArrayList<>();
        while (true) {
            parts.add(rule());
            skip();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
            } else if (pos < s.length() && s.charAt(pos) == ')') {
                pos++;
                return parts;
            } else {
                throw new IllegalArgumentException(w + "(...) misses a ',' or ')' at position " + (pos + 1));
            }
        }
    }
}

package org.onset.ui.plot.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.FieldPosition;
import java.text.Format;
import java.text.ParsePosition;
import java.util.function.IntSupplier;

import org.eclipse.swtchart.IAxis;
import org.onset.plot.Axis;
import org.onset.plot.Ticks;

/**
 * SWTChart chooses where its ticks go; this format writes their labels the way {@link Ticks} of
 * {@code org.onset.plot} does for the axis' current range: in the SI-prefixed unit of the range (nm, pA),
 * every label of the axis with the same number of decimals. The axis title comes from the same ticks, so
 * label numbers and the unit in the title always agree.
 */
public final class SiTickFormat extends Format {

    private static final long serialVersionUID = 1L;
    /** SWTChart's default distance between ticks, in pixels. */
    static final int TICK_SPACING_PX = 64;

    private final transient IAxis axis;
    private final transient IntSupplier lengthPx;
    private transient Axis quantity;
    private transient Ticks ticks;
    private double lo = Double.NaN;
    private double hi = Double.NaN;
    private int wanted;

    public SiTickFormat(IAxis axis, Axis quantity, IntSupplier lengthPx) {
        this.axis = axis;
        this.quantity = quantity;
        this.lengthPx = lengthPx;
    }

    public void setQuantity(Axis quantity) {
        this.quantity = quantity;
        this.ticks = null;
    }

    public Axis quantity() {
        return quantity;
    }

    /** Ticks of {@code org.onset.plot} for the axis' current range (recomputed when the range changed). */
    public Ticks ticks() {
        org.eclipse.swtchart.Range r = axis.getRange();
        int n = Math.max(2, Math.min(12, lengthPx.getAsInt() / TICK_SPACING_PX));
        if (ticks == null || r.lower != lo || r.upper != hi || n != wanted) {
            lo = r.lower;
            hi = r.upper;
            wanted = n;
            double a = Double.isFinite(lo) ? lo : 0;
            double b = Double.isFinite(hi) ? hi : 1;
            ticks = quantity.ticks(a, b, n);
        }
        return ticks;
    }

    /** "x (nm)" for the current range. */
    public String title() {
        return ticks().title(quantity.quantity());
    }

    /** A tick label for {@code value}: in the prefixed unit, decimals as the tick step needs (more if the value needs them). */
    public String label(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        Ticks t = ticks();
        int p = t.exponent();
        int stepDecimals = Math.max(0, p - (int) Math.floor(Math.log10(t.step()) + 1e-9));
        BigDecimal scaled = new BigDecimal(value).scaleByPowerOfTen(-p);
        int valueDecimals = Math.max(0, scaled.round(new MathContext(10)).stripTrailingZeros().scale());
        int decimals = Math.max(stepDecimals, Math.min(valueDecimals, stepDecimals + 6));
        String s = scaled.setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return s.startsWith("-") && new BigDecimal(s).signum() == 0 ? s.substring(1) : s;
    }

    /** A read-out: the value with one decimal more than the ticks, and the unit ("−3.215 V"). */
    public String readout(double value) {
        Ticks t = ticks();
        String u = t.unitLabel();
        return t.label(value) + (u.isEmpty() ? "" : " " + u);
    }

    @Override
    public StringBuffer format(Object obj, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(label(((Number) obj).doubleValue()));
    }

    /**
     * SWTChart parses each label back and hides it when it is more than 1 % off its tick, relative to the
     * parsed value — which for "0" divides 0 by 0 and hides the zero tick. Our labels are never off (they
     * have the decimals the step needs), and a label that does not parse is shown: so "0" reports an error.
     */
    @Override
    public Object parseObject(String source, ParsePosition pos) {
        String s = source.substring(pos.getIndex()).trim();
        try {
            double v = new BigDecimal(s).scaleByPowerOfTen(ticks().exponent()).doubleValue();
            if (v == 0) {
                pos.setErrorIndex(pos.getIndex());
                return null;
            }
            pos.setIndex(source.length());
            return v;
        } catch (NumberFormatException e) {
            pos.setErrorIndex(pos.getIndex());
            return null;
        }
    }
}

package org.onset.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.widgets.Control;

/** Derived fonts, disposed with the control that asked for them. */
final class Fonts {
    private Fonts() {
    }

    static Font bold(Control owner, double scale) {
        FontData[] data = owner.getFont().getFontData();
        for (FontData d : data) {
            d.setStyle(SWT.BOLD);
            d.setHeight((int) Math.round(d.getHeight() * scale));
        }
        Font f = new Font(owner.getDisplay(), data);
        owner.addDisposeListener(e -> f.dispose());
        return f;
    }
}

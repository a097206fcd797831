package org.onset.instrument.scpi.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Keithley 2450-style source-measure unit on a loopback raw socket, speaking the SCPI subset the
 * driver uses, with a {@link CellModel} behind its terminals. The list sweep is timed by the wall
 * clock like the instrument's trigger timer: reading k exists once k · dt has passed since
 * {@code :INIT}; {@code :ABOR} freezes the buffer where the sweep was.
 *
 * <p>Misbehaviour for the tests: drop the connection (close the socket, no reply) on the first
 * command that arrives more than {@code dropAfter} seconds into a sweep; answer reading queries with
 * garbage more than {@code garbageAfter} seconds into a sweep; a custom {@code *IDN?} reply.
 */
final class ScpiEmulator implements AutoCloseable {

    /** Misbehaviour; NaN = never. */
    record Faults(double dropAfterSeconds, double garbageAfterSeconds, String idn) {
        static final Faults NONE = new Faults(Double.NaN, Double.NaN, null);
    }

    static final String IDN = "KEITHLEY INSTRUMENTS,MODEL 2450,04519999,1.7.12b (Onset emulator)";

    private final ServerSocket server;
    private final CellModel cell;
    private volatile Faults faults;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicInteger garbageReplies = new AtomicInteger();
    private final AtomicInteger sweeps = new AtomicInteger();
    private final Thread acceptor;

    // instrument state, guarded by this
    private double level;
    private boolean outputOn;
    private double compliance = 1e-7;
    private final List<String> errors = new ArrayList<>();
    private double[] list = new double[0];
    private int listSize;
    private double interval = 1e-3;
    private int count = 1;
    private long sweepStart = -1;
    private long sweepStop = -1;
    private CellModel.Ramp ramp;
    private double[] readT = new double[0];
    private double[] readV = new double[0];
    private double[] readI = new double[0];
    private int computed;
    private int droppedSweep;

    ScpiEmulator(CellModel cell, Faults faults) throws IOException {
        this.cell = cell;
        this.faults = faults;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::acceptLoop, "scpi-emulator-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void setFaults(Faults f) {
        faults = f;
    }

    int connections() {
        return connections.get();
    }

    int drops() {
        return drops.get();
    }

    int garbageReplies() {
        return garbageReplies.get();
    }

    int sweeps() {
        return sweeps.get();
    }

    /** The voltage at the terminals now, V (0 when the output is off). */
    synchronized double outputVolts() {
        if (!outputOn) {
            return 0;
        }
        if (sweeping()) {
            int k = Math.min(listSize - 1, Math.min(count - 1, (int) (elapsed() / interval)));
            return list[Math.max(0, k)];
        }
        return level;
    }

    synchronized boolean outputOn() {
        return outputOn;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                sockets.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "scpi-emulator-conn-" + connections.get());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                for (String command : line.split(";")) {
                    if (shouldDrop()) {
                        drops.incrementAndGet();
                        return; // the connection vanishes without a reply
                    }
                    String reply = execute(command.trim());
                    if (reply != null) {
                        out.write((reply + "\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                }
            }
        } catch (SocketException e) {
            // closed by either side
        } catch (IOException e) {
            // closed by either side
        } finally {
            sockets.remove(s);
        }
    }

    private synchronized boolean shouldDrop() {
        double after = faults.dropAfterSeconds();
        if (sweeping() && !Double.isNaN(after) && elapsed() > after && droppedSweep != sweeps.get()) {
            droppedSweep = sweeps.get(); // once per sweep: a reconnect afterwards works
            return true;
        }
        return false;
    }

    private synchronized String execute(String command) {
        if (command.isEmpty()) {
            return null;
        }
        int space = command.indexOf(' ');
        String header = (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
        if (header.startsWith(":")) {
            header = header.substring(1);
        }
        String arg = space < 0 ? "" : command.substring(space + 1).trim();
        try {
            switch (header) {
                case "*IDN?":
                    return faults.idn() != null ? faults.idn() : IDN;
                case "*RST":
                    stopSweep();
                    level = 0;
                    outputOn = false;
                    compliance = 1e-7;
                    return null;
                case "*CLS":
                    errors.clear();
                    return null;
                case "*OPC?":
                    return "1";
                case "SYST:ERR?":
                    return errors.isEmpty() ? "0,\"No error\"" : errors.remove(0);
                case "SOUR:FUNC", "SENS:FUNC":
                    return null;
                case "SOUR:VOLT:ILIM":
                    compliance = Double.parseDouble(arg);
                    return null;
                case "SOUR:VOLT":
                    if (sweeping()) {
                        errors.add("-221,\"Settings conflict; sweep running\"");
                    } else {
                        level = Double.parseDouble(arg);
                    }
                    return null;
                case "SOUR:VOLT?":
                    return String.format(Locale.ROOT, "%.7E", outputVolts());
                case "OUTP":
                    outputOn = arg.equalsIgnoreCase("ON") || arg.equals("1");
                    return null;
                case "OUTP?":
                    return outputOn ? "1" : "0";
                case "SOUR:LIST:VOLT":
                    listSize = 0;
                    append(arg);
                    return null;
                case "SOUR:LIST:VOLT:APP":
                    append(arg);
                    return null;
                case "TRIG:TIM":
                    interval = Double.parseDouble(arg);
                    return null;
                case "TRIG:COUN":
                    count = Integer.parseInt(arg);
                    return null;
                case "TRAC:CLE":
                    computed = 0;
                    return null;
                case "INIT":
                    startSweep();
                    return null;
                case "ABOR":
                    if (sweeping()) {
                        sweepStop = System.nanoTime();
                        // the source stays at the list value it had reached, as on the instrument
                        level = outputVolts();
                    }
                    return null;
                case "TRAC:ACT?":
                    return garbage() ? "\u00074#\u00fe" : Integer.toString(available());
                case "TRAC:DATA?":
                    if (garbage()) {
                        return "-3.1E-1,,\u0000\u00ffNaN#?";
                    }
                    return data(arg);
                default:
                    errors.add("-113,\"Undefined header; " + header + "\"");
                    return header.endsWith("?") ? "" : null;
            }
        } catch (RuntimeException e) {
            errors.add("-224,\"Illegal parameter value; " + command + "\"");
            return header.endsWith("?") ? "" : null;
        }
    }

    private void append(String values) {
        String[] f = values.split(",");
        if (list.length < listSize + f.length) {
            list = Arrays.copyOf(list, Math.max(2 * list.length, listSize + f.length));
        }
        for (String v : f) {
            list[listSize++] = Double.parseDouble(v.trim());
        }
    }

    private void startSweep() {
        if (!outputOn) {
            errors.add("-221,\"Settings conflict; output off\"");
            return;
        }
        if (listSize < count) {
            errors.add("-221,\"Settings conflict; list shorter than trigger count\"");
            return;
        }
        readT = new double[count];
        readV = new double[count];
        readI = new double[count];
        computed = 0;
        ramp = cell.newRamp();
        sweepStart = System.nanoTime();
        sweepStop = -1;
        sweeps.incrementAndGet();
    }

    private void stopSweep() {
        if (sweeping()) {
            sweepStop = System.nanoTime();
        }
    }

    private boolean sweeping() {
        return sweepStart >= 0 && sweepStop < 0 && (System.nanoTime() - sweepStart) * 1e-9 < count * interval;
    }

    private double elapsed() {
        long end = sweepStop >= 0 ? sweepStop : System.nanoTime();
        return (end - sweepStart) * 1e-9;
    }

    private boolean garbage() {
        double after = faults.garbageAfterSeconds();
        if (sweepStart >= 0 && sweepStop < 0 && !Double.isNaN(after) && elapsed() > after) {
            garbageReplies.incrementAndGet();
            return true;
        }
        return false;
    }

    /** Readings acquired so far (computed in order: the cell's state depends on its history). */
    private int available() {
        if (sweepStart < 0) {
            return 0;
        }
        int n = Math.min(count, (int) Math.floor(elapsed() / interval + 1e-9) + 1);
        while (computed < n) {
            int k = computed++;
            double t = k * interval;
            double v = list[k];
            double i = ramp.current(t, v);
            readT[k] = t;
            readV[k] = v;
            readI[k] = Math.max(-compliance, Math.min(compliance, i));
        }
        return n;
    }

    private String data(String arg) {
        String[] ab = arg.split(",");
        int a = Integer.parseInt(ab[0].trim());
        int b = Integer.parseInt(ab[1].trim());
        int n = available();
        if (a < 1 || b > n || a > b) {
            errors.add("-222,\"Data out of range\"");
            return "";
        }
        StringBuilder sb = new StringBuilder((b - a + 1) * 48);
        for (int k = a - 1; k < b; k++) {
            if (k > a - 1) {
                sb.append(',');
            }
            sb.append(String.format(Locale.ROOT, "%.12E,%.7E,%.6E", readT[k], readV[k], readI[k]));
        }
        return sb.toString();
    }
}

package org.onset.instrument.scpi.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One raw-socket SCPI connection: newline-terminated commands, one reply line per query. Every
 * exchange is atomic (synchronized), so {@code abort()} on another thread slips in between the
 * ramp loop's queries instead of interleaving with them.
 */
final class ScpiLink implements AutoCloseable {

    /** Longest reply accepted; a reading buffer of 5000 samples fits easily. */
    private static final int MAX_REPLY_CHARS = 1 << 22;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String address;

    private ScpiLink(Socket socket, String address) throws IOException {
        this.socket = socket;
        this.address = address;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        this.out = socket.getOutputStream();
    }

    static ScpiLink open(String host, int port, double timeoutSeconds) throws IOException {
        Socket s = new Socket();
        int ms = (int) Math.max(1, Math.round(timeoutSeconds * 1000));
        try {
            s.connect(new InetSocketAddress(host, port), ms);
            s.setSoTimeout(ms);
            s.setTcpNoDelay(true); // small commands, latency matters more than throughput
            return new ScpiLink(s, host + ":" + port);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    synchronized void write(String command) throws IOException {
        out.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    synchronized String query(String command) throws IOException {
        write(command);
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the instrument at " + address + " closed the connection while answering '"
                        + command + "'");
            }
            if (line.length() >= MAX_REPLY_CHARS) {
                throw new ScpiReplyException(command, line.substring(0, 40) + "…", "reply longer than "
                        + MAX_REPLY_CHARS + " characters");
            }
            line.append((char) c);
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }

    /** Closes the socket; a thread blocked in a query gets an IOException at once. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with a socket that cannot even close
        }
    }
}

package org.townhall.parking;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.imageio.ImageIO;

/** Draws the demo council's enforcement photos: a kerb, a car, its plate and the officer's timestamp. */
final class StreetPhotos {

    private StreetPhotos() {
    }

    static byte[] draw(String vrm, String caption, ZonedDateTime when, int angle) {
        BufferedImage image = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x9e, 0xa7, 0xad));
        g.fillRect(0, 0, 640, 400);
        g.setColor(new Color(0x50, 0x5a, 0x5f));
        g.fillRect(0, 250, 640, 150);
        g.setColor(Color.YELLOW);
        g.setStroke(new BasicStroke(6));
        g.drawLine(0, 262, 640, 262);
        g.drawLine(0, 274, 640, 274);
        int x = 120 + angle * 60;
        g.setColor(new Color(0x1d, 0x70, 0xb8));
        g.fillRoundRect(x, 160, 380, 110, 30, 30);
        g.fillRoundRect(x + 70, 110, 220, 70, 30, 30);
        g.setColor(Color.DARK_GRAY);
        g.fillOval(x + 50, 240, 60, 60);
        g.fillOval(x + 270, 240, 60, 60);
        g.setColor(Color.YELLOW);
        g.fillRect(x + 140, 205, 110, 30);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString(vrm, x + 148, 228);
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRect(0, 0, 640, 36);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 16));
        g.drawString(DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").format(when) + "  " + caption, 10, 24);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

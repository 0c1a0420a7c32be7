package org.townhall.evidence.inspect;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.Map;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.DecodeResult;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * PDFBox decodes some streams for itself before any check of ours can run: the object streams
 * that hold most of a modern PDF's objects and the cross-reference streams, as it opens the file,
 * each decoded whole into memory. A megabyte object stream that inflates to gigabytes would take
 * the server down on opening (tried: 600 MB from a 600 KB file ran a 256 MB heap out of memory).
 * PDFBox offers no limit, so every filter it knows is wrapped, once, at start-up: while a PDF is
 * being inspected on a thread, what each filter writes is counted, and a single stream past
 * {@link PdfInspector#MAX_DECODED_BYTES}, or the whole inspection past ten times that, stops it.
 * Outside an inspection the filters behave exactly as PDFBox's own.
 *
 * <p>The wrapping reaches into FilterFactory's private map: if a PDFBox upgrade moves it, Townhall
 * refuses to start rather than open PDFs unbounded.
 */
final class BoundedFilters {

    private static final ThreadLocal<Budget> BUDGET = new ThreadLocal<>();
    private static boolean installed;

    private BoundedFilters() {
    }

    @SuppressWarnings("unchecked")
    static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            Field field = FilterFactory.class.getDeclaredField("filters");
            field.setAccessible(true);
            Map<COSName, Filter> filters = (Map<COSName, Filter>) field.get(FilterFactory.INSTANCE);
            for (Map.Entry<COSName, Filter> entry : filters.entrySet()) {
                if (!(entry.getValue() instanceof Bounded)) {
                    entry.setValue(new Bounded(entry.getValue()));
                }
            }
            installed = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot bound PDFBox's decoding of PDF streams: evidence PDFs cannot be checked safely", e);
        }
    }

    /** Counts decoding on this thread until {@link #end()}. */
    static void begin(long perStream, long total) {
        BUDGET.set(new Budget(perStream, total));
    }

    static void end() {
        BUDGET.remove();
    }

    private static final class Budget {
        private final long perStream;
        private long remaining;

        Budget(long perStream, long total) {
            this.perStream = perStream;
            this.remaining = total;
        }
    }

    /** One of PDFBox's filters, writing through a count when an inspection is running on this thread. */
    private static final class Bounded extends Filter {
        private final Filter filter;

        Bounded(Filter filter) {
            this.filter = filter;
        }

        @Override
        public DecodeResult decode(InputStream encoded, OutputStream decoded, COSDictionary parameters, int index) throws IOException {
            return decode(encoded, decoded, parameters, index, DecodeOptions.DEFAULT);
        }

        @Override
        public DecodeResult decode(InputStream encoded, OutputStream decoded, COSDictionary parameters, int index, DecodeOptions options)
                throws IOException {
            Budget budget = BUDGET.get();
            return filter.decode(encoded, budget == null ? decoded : new Counted(decoded, budget), parameters, index, options);
        }

        @Override
        protected void encode(InputStream input, OutputStream encoded, COSDictionary parameters) throws IOException {
            filter.encode(input, encoded, parameters, 0);
        }
    }

    private static final class Counted extends FilterOutputStream {
        private final Budget budget;
        private long written;

        Counted(OutputStream out, Budget budget) {
            super(out);
            this.budget = budget;
        }

        @Override
        public void write(int b) throws IOException {
            spend(1);
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            spend(length);
            out.write(bytes, offset, length);
        }

        private void spend(int length) {
            written += length;
            budget.remaining -= length;
            if (written > budget.perStream || budget.remaining < 0) {
                throw new Refusal(PdfInspector.BOMB, "a stream PDFBox decoded passed " + budget.perStream + " bytes");
            }
        }
    }
}

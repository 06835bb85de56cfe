package bastion.demo;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes generator rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null,
 * backslash escapes), the one place that knows the column lists. Used by {@link DemoCityLoader}
 * (COPY ... FROM STDIN) and by {@link DemoCityCsv} (files for {@code psql \copy}).
 *
 * <p>Not thread-safe. I/O errors are rethrown as {@link UncheckedIOException} so the writer can
 * be used as a {@link RowSink} or a {@code Consumer}.
 */
public final class CopyWriter implements RowSink, Flushable {

    public static final String ORGANIZATION_COLUMNS =
            "id, code, name, place_name, level, org_type, place_type, parent_id, path, depth, county_code, division_code, graded";
    public static final String DIVISION_COLUMNS = "organization_id, county_code, code, valid_from, valid_to";

    public static final String ORGANIZATION_COPY_SQL = "COPY organization (" + ORGANIZATION_COLUMNS + ") FROM STDIN";
    public static final String DIVISION_COPY_SQL = "COPY division_code (" + DIVISION_COLUMNS + ") FROM STDIN";

    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private long organizations;
    private long divisions;

    public CopyWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void organization(OrgRow r) {
        write(organizationLine(line, r));
        organizations++;
    }

    @Override
    public void division(DivisionRow r) {
        write(divisionLine(line, r));
        divisions++;
    }

    public long organizations() {
        return organizations;
    }

    public long divisions() {
        return divisions;
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(StringBuilder sb) {
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line (with its trailing newline) for {@link #ORGANIZATION_COLUMNS}. */
    public static String organizationLine(OrgRow r) {
        return organizationLine(new StringBuilder(256), r).toString();
    }

    /** One line (with its trailing newline) for {@link #DIVISION_COLUMNS}. */
    public static String divisionLine(DivisionRow r) {
        return divisionLine(new StringBuilder(64), r).toString();
    }

    private static StringBuilder organizationLine(StringBuilder sb, OrgRow r) {
        sb.setLength(0);
        sb.append(r.id()).append('\t');
        field(sb, r.code()).append('\t');
        field(sb, r.name()).append('\t');
        field(sb, r.placeName()).append('\t');
        field(sb, r.level() == null ? null : r.level().name()).append('\t');
        field(sb, r.orgType() == null ? null : r.orgType().name()).append('\t');
        field(sb, r.placeType() == null ? null : r.placeType().name()).append('\t');
        field(sb, r.parentId() == null ? null : r.parentId().toString()).append('\t');
        field(sb, r.path()).append('\t');
        sb.append(r.depth()).append('\t');
        field(sb, r.countyCode()).append('\t');
        field(sb, r.divisionCode()).append('\t');
        sb.append(r.graded() ? 't' : 'f').append('\n');
        return sb;
    }

    private static StringBuilder divisionLine(StringBuilder sb, DivisionRow r) {
        sb.setLength(0);
        sb.append(r.organizationId()).append('\t');
        field(sb, r.countyCode()).append('\t');
        field(sb, r.code()).append('\t');
        field(sb, r.validFrom() == null ? null : r.validFrom().toString()).append('\t');
        field(sb, r.validTo() == null ? null : r.validTo().toString()).append('\n');
        return sb;
    }

    /** Appends {@code value} as one COPY text field: {@code \N} for null, otherwise escaped. */
    public static StringBuilder field(StringBuilder sb, String value) {
        if (value == null) {
            return sb.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\u000B' -> sb.append("\\v");
                default -> sb.append(c);
            }
        }
        return sb;
    }

    /** {@link #field(StringBuilder, String)} as a string. */
    public static String escape(String value) {
        return field(new StringBuilder(), value).toString();
    }
}

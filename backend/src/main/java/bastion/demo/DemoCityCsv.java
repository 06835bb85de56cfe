package bastion.demo;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the demo rows as two files in PostgreSQL COPY text format (tab-separated, {@code \N} for
 * null), for benchmarks and {@code psql \copy}. Plain Java, needs only the compiled classes:
 *
 * <pre>
 * java -cp target/classes bastion.demo.DemoCityCsv --cities 20 --out /tmp/province [--seed 20231200]
 * </pre>
 *
 * and prints the psql commands that load them (organization first: division_code references it).
 */
public final class DemoCityCsv {

    public static final String ORGANIZATION_FILE = "organization.tsv";
    public static final String DIVISION_FILE = "division_code.tsv";

    private DemoCityCsv() {
    }

    public static void main(String[] args) throws IOException {
        int cities = 1;
        Path out = Path.of(".");
        long seed = CityGenerator.DEFAULT_SEED;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cities" -> cities = Integer.parseInt(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                default -> {
                    System.err.println("usage: DemoCityCsv [--cities N (1.." + CityGenerator.MAX_CITIES
                            + ")] [--out DIR] [--seed S]");
                    System.exit(2);
                    return;
                }
            }
        }
        long start = System.nanoTime();
        long[] counts = write(new CityGenerator(seed), cities, out);
        Path dir = out.toAbsolutePath().normalize();
        System.out.printf("%d organizations, %d division codes (%d cities, seed %d) written to %s in %d ms%n",
                counts[0], counts[1], cities, seed, dir, (System.nanoTime() - start) / 1_000_000);
        System.out.println("load into an empty, migrated database with psql:");
        System.out.printf("\\copy organization (%s) FROM '%s'%n", CopyWriter.ORGANIZATION_COLUMNS,
                dir.resolve(ORGANIZATION_FILE));
        System.out.printf("\\copy division_code (%s) FROM '%s'%n", CopyWriter.DIVISION_COLUMNS,
                dir.resolve(DIVISION_FILE));
        System.out.println("SELECT setval('organization_seq', (SELECT max(id) FROM organization) + 50);");
    }

    /** Writes both files into {@code dir} (created if missing); returns {organizations, division codes}. */
    public static long[] write(CityGenerator generator, int cities, Path dir) throws IOException {
        Files.createDirectories(dir);
        long organizations;
        long divisions;
        try (Writer w = Files.newBufferedWriter(dir.resolve(ORGANIZATION_FILE), StandardCharsets.UTF_8)) {
            CopyWriter copy = new CopyWriter(w);
            generator.organizations(cities, copy::organization);
            organizations = copy.organizations();
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(DIVISION_FILE), StandardCharsets.UTF_8)) {
            CopyWriter copy = new CopyWriter(w);
            generator.divisions(cities, copy::division);
            divisions = copy.divisions();
        }
        return new long[] {organizations, divisions};
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("missing value after " + args[i - 1]);
        }
        return args[i];
    }
}

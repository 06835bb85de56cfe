package bastion.demo;

import bastion.demo.OrgRow.Level;
import bastion.demo.OrgRow.OrgType;
import bastion.demo.OrgRow.PlaceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CityGeneratorTest {

    private static final Pattern DIVISION = Pattern.compile("^[0-9]{12}$");
    private static final Pattern ORG_CODE = Pattern.compile("^[A-Z][0-9]{12}$");
    private static final Pattern PATH = Pattern.compile("^(/[0-9]+)+/$");

    private static CityGenerator.City city1;
    private static Map<Long, OrgRow> byId;
    private static Map<Long, List<DivisionRow>> divisionsByOrg;

    @BeforeAll
    static void generateCity1() {
        city1 = new CityGenerator(CityGenerator.DEFAULT_SEED).cities(1).next();
        byId = new HashMap<>();
        city1.organizations().forEach(o -> byId.put(o.id(), o));
        divisionsByOrg = city1.divisions().stream().collect(Collectors.groupingBy(DivisionRow::organizationId));
    }

    @Test
    void city1HasTheCountsOfTheReport() {
        assertEquals(1, city1.count(Level.CITY));
        assertEquals(10, city1.count(Level.COUNTY));
        assertEquals(178, city1.count(Level.TOWNSHIP));
        assertEquals(3224, city1.count(Level.VILLAGE));
        assertEquals(3413, city1.organizations().size());
        assertEquals("云岭市", city1.name());
        assertEquals("231200000000", city1.divisionCode());
    }

    @Test
    void city1DoesNotDependOnTheSeedForItsShapeOrOnTheNumberOfCities() {
        CityGenerator.City other = new CityGenerator(42).cities(1).next();
        assertEquals(3224, other.count(Level.VILLAGE));
        assertEquals(178, other.count(Level.TOWNSHIP));
        assertEquals("P231200000000", other.organizations().get(0).code());

        Iterator<CityGenerator.City> three = new CityGenerator(CityGenerator.DEFAULT_SEED).cities(3);
        assertEquals(city1, three.next());
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() {
        String a = hash(new CityGenerator(CityGenerator.DEFAULT_SEED), 3);
        String b = hash(new CityGenerator(CityGenerator.DEFAULT_SEED), 3);
        String c = hash(new CityGenerator(CityGenerator.DEFAULT_SEED + 1), 3);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    /**
     * Pins the demo data itself. If this fails after a deliberate change to the generator, update the
     * hash, and check docs and end-to-end tests that quote demo names.
     */
    @Test
    void theDemoCityIsPinned() {
        assertEquals("88864f2e47d438aab57a72430e32b622d660680bfa5e6f8643963b49117b7679",
                hash(new CityGenerator(CityGenerator.DEFAULT_SEED), 1));
    }

    @Test
    void requiredDemoCodesExistWithTheirLevels() {
        Map<String, OrgRow> byCode = city1.organizations().stream()
                .collect(Collectors.toMap(OrgRow::code, o -> o));
        assertLevel(byCode, "P231200000000", Level.CITY, "云岭市");
        assertLevel(byCode, "P231202000000", Level.COUNTY, "江北区");
        assertLevel(byCode, "P231203000000", Level.COUNTY, "青山县");
        assertLevel(byCode, "P231202101000", Level.TOWNSHIP, null);
        assertLevel(byCode, "P231203101000", Level.TOWNSHIP, null);
        for (int cc = 2; cc <= 11; cc++) {
            String county = String.format("P2312%02d000000", cc);
            assertLevel(byCode, county, Level.COUNTY, null);
            OrgRow town = byCode.get(String.format("P2312%02d101000", cc));
            assertNotNull(town, "first 镇 of county " + cc);
            assertTrue(town.placeName().endsWith("镇"), town.placeName());
            assertEquals(byCode.get(county).id(), town.parentId());
            OrgRow street = byCode.get(String.format("P2312%02d001000", cc));
            assertNotNull(street, "first 街道 of county " + cc);
            assertTrue(street.placeName().endsWith("街道"), street.placeName());
        }
        assertEquals("中共云岭市委", byCode.get("P231200000000").name());
        assertEquals("中共江北区委", byCode.get("P231202000000").name());
    }

    @Test
    void rowsAreConsistentWithTheSchema() {
        long expectedId = 1;
        for (OrgRow o : city1.organizations()) {
            assertEquals(expectedId++, o.id(), "ids 1..N in tree order");
            assertTrue(ORG_CODE.matcher(o.code()).matches(), o.code());
            assertTrue(DIVISION.matcher(o.divisionCode()).matches(), o.divisionCode());
            assertTrue(PATH.matcher(o.path()).matches(), o.path());
            assertTrue(o.path().length() <= 200 && o.name().length() <= 100 && o.placeName().length() <= 100);
            assertFalse(o.name().isEmpty() || o.placeName().isEmpty());
            assertEquals(o.level().ordinal(), o.depth());
            assertEquals(o.level() == Level.VILLAGE, o.graded());
            assertEquals(o.level() == Level.VILLAGE, o.placeType() != null);
            assertEquals(o.level() == Level.CITY, o.parentId() == null);
            if (o.level() == Level.VILLAGE) {
                assertTrue(o.orgType() == OrgType.BRANCH || o.orgType() == OrgType.GENERAL_BRANCH);
                assertEquals(o.placeName() + (o.orgType() == OrgType.BRANCH ? "党支部" : "党总支"), o.name());
                assertTrue(o.placeName().endsWith(o.placeType() == PlaceType.COMMUNITY ? "社区" : "村"), o.placeName());
            } else {
                assertEquals(OrgType.PARTY_COMMITTEE, o.orgType());
                assertTrue(o.name().startsWith("中共" + o.placeName()), o.name());
            }
            if (o.parentId() == null) {
                assertEquals("/" + o.id() + "/", o.path());
                assertEquals("231200", o.countyCode());
            } else {
                OrgRow parent = byId.get(o.parentId());
                assertNotNull(parent);
                assertTrue(parent.id() < o.id(), "parents come first");
                assertEquals(parent.depth() + 1, o.depth());
                assertEquals(parent.path() + o.id() + "/", o.path());
                if (o.level() == Level.COUNTY) {
                    assertEquals(o.divisionCode().substring(0, 6), o.countyCode());
                } else {
                    assertEquals(parent.countyCode(), o.countyCode());
                }
            }
        }
    }

    @Test
    void divisionCodesHaveTheStructureOfTheirParents() {
        for (OrgRow o : city1.organizations()) {
            String d = o.divisionCode();
            String original = o.code().substring(1);
            switch (o.level()) {
                case CITY -> assertEquals("231200000000", d);
                case COUNTY -> {
                    assertTrue(d.startsWith("2312") && d.endsWith("000000"), d);
                    int cc = Integer.parseInt(d.substring(4, 6));
                    assertTrue(cc >= 2 && cc <= 11, d);
                }
                case TOWNSHIP -> {
                    OrgRow county = byId.get(o.parentId());
                    assertEquals(county.divisionCode().substring(0, 6), d.substring(0, 6));
                    assertTrue(d.endsWith("000"), d);
                    int t = Integer.parseInt(d.substring(6, 9));
                    String suffix = t < 100 ? "街道" : t < 200 ? "镇" : "乡";
                    assertTrue(t >= 1 && t < 300, d);
                    assertTrue(o.placeName().endsWith(suffix), o.placeName() + " " + d);
                }
                case VILLAGE -> {
                    OrgRow township = byId.get(o.parentId());
                    for (String code : List.of(d, original)) {
                        assertEquals(township.divisionCode().substring(0, 9), code.substring(0, 9));
                        int v = Integer.parseInt(code.substring(9));
                        if (o.placeType() == PlaceType.COMMUNITY) {
                            assertTrue(v >= 1 && v < 200, code);
                        } else {
                            assertTrue(v >= 201 && v < 300, code);
                        }
                    }
                }
            }
            if (o.level() != Level.VILLAGE) {
                assertEquals(o.divisionCode(), original, "only villages merge");
            }
        }
    }

    @Test
    void countiesAndTownshipsHavePlausibleSizesAndKinds() {
        Map<Long, List<OrgRow>> children = city1.organizations().stream().filter(o -> o.parentId() != null)
                .collect(Collectors.groupingBy(OrgRow::parentId));
        for (OrgRow county : city1.organizations()) {
            if (county.level() != Level.COUNTY) {
                continue;
            }
            List<OrgRow> townships = children.get(county.id());
            assertTrue(townships.size() >= 10 && townships.size() <= 25, county.placeName() + ": " + townships.size());
            assertTrue(townships.stream().anyMatch(t -> t.placeName().endsWith("街道")), county.placeName());
            assertTrue(townships.stream().anyMatch(t -> t.placeName().endsWith("镇")), county.placeName());
            for (OrgRow t : townships) {
                List<OrgRow> villages = children.get(t.id());
                assertTrue(villages.size() >= 5 && villages.size() <= 40, t.placeName() + ": " + villages.size());
                long communities = villages.stream().filter(v -> v.placeType() == PlaceType.COMMUNITY).count();
                if (t.placeName().endsWith("街道")) {
                    assertTrue(communities * 5 >= villages.size() * 4, t.placeName() + " mostly communities");
                } else if (t.placeName().endsWith("镇")) {
                    assertTrue(communities >= 1 && communities <= 3, t.placeName() + " 1-3 communities");
                } else {
                    assertEquals(0, communities, t.placeName() + " only villages");
                }
            }
        }
        // uneven: not all counties the same size
        Set<Integer> sizes = city1.organizations().stream().filter(o -> o.level() == Level.COUNTY)
                .map(c -> children.get(c.id()).size()).collect(Collectors.toSet());
        assertTrue(sizes.size() > 3, "uneven county sizes " + sizes);
    }

    @Test
    void namesAreUniqueWithinTheirParent() {
        Set<String> seen = new HashSet<>();
        for (OrgRow o : city1.organizations()) {
            assertTrue(seen.add(o.parentId() + "|" + o.placeName()), "duplicate " + o.placeName() + " under " + o.parentId());
        }
        Set<String> countyNames = city1.organizations().stream().filter(o -> o.level() == Level.COUNTY)
                .map(OrgRow::placeName).collect(Collectors.toSet());
        assertEquals(10, countyNames.size());
    }

    @Test
    void aboutTwoPercentOfVillagesWereMergedWithAValidHistory() {
        long merged = 0;
        long generalBranches = 0;
        for (OrgRow o : city1.organizations()) {
            List<DivisionRow> rows = divisionsByOrg.get(o.id());
            assertNotNull(rows, "every organisation has a division code row");
            String original = o.code().substring(1);
            for (DivisionRow row : rows) {
                assertEquals(o.countyCode(), row.countyCode());
            }
            if (o.orgType() == OrgType.GENERAL_BRANCH) {
                generalBranches++;
            }
            if (rows.size() == 1) {
                DivisionRow only = rows.get(0);
                assertEquals(original, only.code());
                assertEquals(o.divisionCode(), only.code());
                assertEquals(CityGenerator.ORIGINAL_FROM, only.validFrom());
                assertNull(only.validTo());
            } else {
                merged++;
                assertEquals(Level.VILLAGE, o.level());
                assertEquals(2, rows.size());
                DivisionRow old = rows.get(0);
                DivisionRow now = rows.get(1);
                assertEquals(original, old.code());
                assertEquals(CityGenerator.ORIGINAL_FROM, old.validFrom());
                assertEquals(CityGenerator.MERGER_REVOKED, old.validTo());
                assertEquals(o.divisionCode(), now.code());
                assertNotEquals(old.code(), now.code());
                assertEquals(CityGenerator.MERGER_FROM, now.validFrom());
                assertNull(now.validTo());
                assertTrue(now.validFrom().isAfter(old.validTo()));
            }
        }
        assertEquals(Math.round(3224 * 0.02), merged);
        assertEquals(3413 + merged, city1.divisions().size());
        assertTrue(generalBranches > 3224 * 0.10 && generalBranches < 3224 * 0.20, "general branches " + generalBranches);
    }

    @Test
    void aProvinceOfTwentyCitiesIsStreamedCityByCityWithUniqueCodes() {
        CityGenerator generator = new CityGenerator(CityGenerator.DEFAULT_SEED);
        Set<String> orgCodes = new HashSet<>();
        Set<String> currentCodes = new HashSet<>();
        Set<String> everyCode = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        Set<String> cityNames = new HashSet<>();
        long villages = 0;
        long organizations = 0;
        long nextId = 1;
        int largestCity = 0;
        Iterator<CityGenerator.City> it = generator.cities(20);
        while (it.hasNext()) {
            CityGenerator.City city = it.next(); // only this city's rows are held by the generator
            largestCity = Math.max(largestCity, city.organizations().size());
            assertTrue(prefixes.add(city.divisionCode().substring(0, 4)));
            assertTrue(cityNames.add(city.name()));
            assertEquals(nextId, city.organizations().get(0).id(), "ids continue across cities");
            nextId = city.lastId() + 1;
            for (OrgRow o : city.organizations()) {
                assertTrue(orgCodes.add(o.code()), "duplicate org code " + o.code());
                assertTrue(o.divisionCode().startsWith(city.divisionCode().substring(0, 4)));
                organizations++;
                if (o.level() == Level.VILLAGE) {
                    villages++;
                }
            }
            for (DivisionRow d : city.divisions()) {
                if (d.current()) {
                    assertTrue(currentCodes.add(d.code()), "duplicate current code " + d.code());
                }
                everyCode.add(d.code() + "|" + d.organizationId());
            }
        }
        assertEquals(nextId - 1, organizations);
        assertEquals(organizations, currentCodes.size(), "one current code per organisation");
        assertTrue(villages >= 60_000 && villages <= 70_000, "villages " + villages);
        assertTrue(largestCity * 10 < organizations, "a city is a small part of the province");

        // the streaming APIs agree with the iterator and with each other
        long[] counted = {0, 0};
        generator.generate(20, new RowSink() {
            @Override
            public void organization(OrgRow row) {
                counted[0]++;
            }

            @Override
            public void division(DivisionRow row) {
                counted[1]++;
            }
        });
        assertEquals(organizations, counted[0]);
        assertEquals(everyCode.size(), counted[1]);
        assertEquals(organizations, generator.organizationStream(20).count());
        assertEquals(3, generator.organizationStream(CityGenerator.MAX_CITIES).limit(3).count());
    }

    @Test
    void prefixesAndLimits() {
        assertEquals("2312", CityGenerator.prefix(1));
        assertEquals("2301", CityGenerator.prefix(2));
        assertEquals("2311", CityGenerator.prefix(12));
        assertEquals("2313", CityGenerator.prefix(13));
        assertEquals("2399", CityGenerator.prefix(99));
        Set<String> all = new HashSet<>();
        for (int k = 1; k <= CityGenerator.MAX_CITIES; k++) {
            assertTrue(all.add(CityGenerator.prefix(k)));
        }
        CityGenerator g = new CityGenerator(1);
        assertThrows(IllegalArgumentException.class, () -> g.cities(0));
        assertThrows(IllegalArgumentException.class, () -> g.cities(CityGenerator.MAX_CITIES + 1));
    }

    @Test
    void partitionKeepsTotalsAndBounds() {
        java.util.Random r = new java.util.Random(7);
        double[] w = {1, 5, 0.1, 3, 2};
        int[] parts = CityGenerator.partition(r, 120, w, 10, 40);
        int sum = 0;
        for (int p : parts) {
            assertTrue(p >= 10 && p <= 40);
            sum += p;
        }
        assertEquals(120, sum);
        assertThrows(IllegalArgumentException.class, () -> CityGenerator.partition(r, 49, w, 10, 40));
    }

    private static void assertLevel(Map<String, OrgRow> byCode, String code, Level level, String placeName) {
        OrgRow o = byCode.get(code);
        assertNotNull(o, code);
        assertEquals(level, o.level(), code);
        if (placeName != null) {
            assertEquals(placeName, o.placeName(), code);
        }
    }

    /** SHA-256 of the COPY text of all rows, computed while streaming. */
    private static String hash(CityGenerator generator, int cities) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (Writer w = new OutputStreamWriter(new DigestOutputStream(OutputStream.nullOutputStream(), digest),
                    StandardCharsets.UTF_8)) {
                generator.generate(cities, new CopyWriter(w));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

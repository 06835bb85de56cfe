package bastion.demo;

import bastion.demo.OrgRow.Level;
import bastion.demo.OrgRow.OrgType;
import bastion.demo.OrgRow.PlaceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopyWriterTest {

    @Test
    void escapesTheCopyTextSpecialCharacters() {
        assertEquals("\\N", CopyWriter.escape(null));
        assertEquals("", CopyWriter.escape(""));
        assertEquals("王家村党支部", CopyWriter.escape("王家村党支部"));
        assertEquals("a\\tb", CopyWriter.escape("a\tb"));
        assertEquals("a\\nb\\rc", CopyWriter.escape("a\nb\rc"));
        assertEquals("C:\\\\dir", CopyWriter.escape("C:\\dir"));
        assertEquals("\\\\N", CopyWriter.escape("\\N"), "a literal backslash-N is not a null");
        assertEquals("\\\\.", CopyWriter.escape("\\."), "never the end-of-data marker");
        assertEquals("\\b\\f\\v", CopyWriter.escape("\b\f\u000B"));
    }

    @Test
    void writesOrganizationLinesWithNullsAndBooleans() {
        OrgRow city = new OrgRow(1, "P231200000000", "中共云岭市委", "云岭市", Level.CITY, OrgType.PARTY_COMMITTEE,
                null, null, "/1/", 0, "231200", "231200000000", false);
        assertEquals("1\tP231200000000\t中共云岭市委\t云岭市\tCITY\tPARTY_COMMITTEE\t\\N\t\\N\t/1/\t0\t231200\t231200000000\tf\n",
                CopyWriter.organizationLine(city));

        OrgRow odd = new OrgRow(9, "P231202001001", "a\tb\\c\nd", "x", Level.VILLAGE, OrgType.GENERAL_BRANCH,
                PlaceType.COMMUNITY, 3L, "/1/2/3/9/", 3, "231202", "231202001001", true);
        assertEquals("9\tP231202001001\ta\\tb\\\\c\\nd\tx\tVILLAGE\tGENERAL_BRANCH\tCOMMUNITY\t3\t/1/2/3/9/\t3\t231202\t231202001001\tt\n",
                CopyWriter.organizationLine(odd));
    }

    @Test
    void writesDivisionLines() {
        assertEquals("7\t231202\t231202101201\t2010-01-01\t2020-12-31\n", CopyWriter.divisionLine(
                new DivisionRow(7, "231202", "231202101201", LocalDate.of(2010, 1, 1), LocalDate.of(2020, 12, 31))));
        assertEquals("7\t231202\t231202101230\t2021-01-01\t\\N\n", CopyWriter.divisionLine(
                new DivisionRow(7, "231202", "231202101230", LocalDate.of(2021, 1, 1), null)));
    }

    @Test
    void everyGeneratedLineHasTheColumnCount() {
        StringWriter out = new StringWriter();
        CopyWriter writer = new CopyWriter(out);
        new CityGenerator(CityGenerator.DEFAULT_SEED).generate(1, writer);
        int orgColumns = CopyWriter.ORGANIZATION_COLUMNS.split(",").length;
        int divColumns = CopyWriter.DIVISION_COLUMNS.split(",").length;
        String[] lines = out.toString().split("\n", -1);
        assertEquals(writer.organizations() + writer.divisions() + 1, lines.length);
        assertEquals("", lines[lines.length - 1]);
        for (int i = 0; i < lines.length - 1; i++) {
            int fields = lines[i].split("\t", -1).length;
            assertEquals(i < writer.organizations() ? orgColumns : divColumns, fields, lines[i]);
        }
        assertEquals(3413, writer.organizations());
    }

    @Test
    void demoCityCsvWritesBothFiles(@TempDir Path dir) throws IOException {
        long[] counts = DemoCityCsv.write(new CityGenerator(CityGenerator.DEFAULT_SEED), 1, dir);
        List<String> orgs = Files.readAllLines(dir.resolve(DemoCityCsv.ORGANIZATION_FILE), StandardCharsets.UTF_8);
        List<String> divs = Files.readAllLines(dir.resolve(DemoCityCsv.DIVISION_FILE), StandardCharsets.UTF_8);
        assertArrayEquals(new long[] {orgs.size(), divs.size()}, counts);
        assertEquals(3413, orgs.size());
        assertTrue(orgs.get(0).startsWith("1\tP231200000000\t中共云岭市委\t云岭市\tCITY\t"), orgs.get(0));
        assertTrue(divs.size() > orgs.size());
    }
}

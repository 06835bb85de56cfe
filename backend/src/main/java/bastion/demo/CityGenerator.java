package bastion.demo;

import bastion.demo.OrgRow.Level;
import bastion.demo.OrgRow.OrgType;
import bastion.demo.OrgRow.PlaceType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Deterministic generator of demo cities: the rows of tables {@code organization} and
 * {@code division_code} (see {@code V1__organizations.sql}).
 *
 * <p>City 1 is always 云岭市 (division 231200000000, org code P231200000000) with exactly
 * {@value #CITY1_COUNTIES} counties, {@value #CITY1_TOWNSHIPS} townships and
 * {@value #CITY1_VILLAGES} village-level organisations (the figures of {@code seeds/001_*}).
 * County i of city 1 has division {@code 2312cc000000} with cc = i + 1 (02..11), and every county
 * has at least one 街道 (township digits 001..) and one 镇 (101..), so {@code P2312cc101000} (the
 * county's first 镇) always exists; 乡 get 201... Communities (社区) get village digits 001..,
 * villages (村) 201...
 *
 * <p>Cities 2..{@value #MAX_CITIES} (for province-scale benchmarks) have the same shape, prefecture
 * digits other than 12, other names, and counts that vary around the same totals.
 *
 * <p>Rows are produced one city at a time (a city is ≈ 3 400 organisations), so a province never
 * has to be in memory. Same seed, same rows, on any JVM: only {@link java.util.Random}, whose
 * algorithm is fixed by its specification, and no hash-ordered iteration.
 */
public final class CityGenerator {

    /** The seed of the demo data loaded by {@link DemoCityLoader} and written by {@link DemoCityCsv}. */
    public static final long DEFAULT_SEED = 20231200L;

    public static final int MAX_CITIES = 99;
    public static final int CITY1_COUNTIES = 10;
    public static final int CITY1_TOWNSHIPS = 178;
    public static final int CITY1_VILLAGES = 3224;
    public static final String CITY1_NAME = "云岭市";
    public static final String PROVINCE = "23";

    /** Every organisation's first code is valid from this day. */
    public static final LocalDate ORIGINAL_FROM = LocalDate.of(2010, 1, 1);
    /** A merged village's old code was revoked after this day... */
    public static final LocalDate MERGER_REVOKED = LocalDate.of(2020, 12, 31);
    /** ...and its new code is valid from this day. */
    public static final LocalDate MERGER_FROM = LocalDate.of(2021, 1, 1);

    /** Share of village-level organisations that result from a merger (old code revoked, new one issued). */
    static final double MERGED_SHARE = 0.02;
    /** Share of village-level organisations that are 党总支 rather than 党支部, in percent. */
    static final int GENERAL_BRANCH_PERCENT = 15;

    private final long seed;
    private final List<String> otherCityNames;

    public CityGenerator(long seed) {
        this.seed = seed;
        this.otherCityNames = otherCityNames(new Random(mix(seed, 0)));
    }

    public long seed() {
        return seed;
    }

    // ------------------------------------------------------------------------------------------
    // API

    /** The rows of one city; lists are unmodifiable. */
    public record City(int index, String name, String divisionCode,
                       List<OrgRow> organizations, List<DivisionRow> divisions) {

        public long count(Level level) {
            return organizations.stream().filter(o -> o.level() == level).count();
        }

        public long lastId() {
            return organizations.get(organizations.size() - 1).id();
        }
    }

    /** Cities 1..{@code cities}, each built only when {@code next()} is called. */
    public Iterator<City> cities(int cities) {
        checkCities(cities);
        return new Iterator<>() {
            private int next = 1;
            private long nextId = 1;

            @Override
            public boolean hasNext() {
                return next <= cities;
            }

            @Override
            public City next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                City city = city(next++, nextId);
                nextId = city.lastId() + 1;
                return city;
            }
        };
    }

    /** Feeds the rows of cities 1..{@code cities} to {@code sink}, city by city: each city's organisations, then its division codes. */
    public void generate(int cities, RowSink sink) {
        Iterator<City> it = cities(cities);
        while (it.hasNext()) {
            City city = it.next();
            city.organizations().forEach(sink::organization);
            city.divisions().forEach(sink::division);
        }
    }

    /** All organisation rows of cities 1..{@code cities}, in id order. */
    public void organizations(int cities, Consumer<OrgRow> consumer) {
        cities(cities).forEachRemaining(c -> c.organizations().forEach(consumer));
    }

    /** All division-code rows of cities 1..{@code cities}, in organisation id order. */
    public void divisions(int cities, Consumer<DivisionRow> consumer) {
        cities(cities).forEachRemaining(c -> c.divisions().forEach(consumer));
    }

    /** Lazy stream of the organisation rows (one city in memory at a time). */
    public Stream<OrgRow> organizationStream(int cities) {
        return cityStream(cities).flatMap(c -> c.organizations().stream());
    }

    /** Lazy stream of the division-code rows (one city in memory at a time). */
    public Stream<DivisionRow> divisionStream(int cities) {
        return cityStream(cities).flatMap(c -> c.divisions().stream());
    }

    private Stream<City> cityStream(int cities) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cities(cities),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The 4-digit province + prefecture prefix of city {@code k}: 2312 for city 1, then 2301, 2302, ... skipping 12. */
    public static String prefix(int k) {
        if (k < 1 || k > MAX_CITIES) {
            throw new IllegalArgumentException("city index out of 1.." + MAX_CITIES + ": " + k);
        }
        int prefecture = k == 1 ? 12 : (k - 1 < 12 ? k - 1 : k);
        return PROVINCE + two(prefecture);
    }

    private static void checkCities(int cities) {
        if (cities < 1 || cities > MAX_CITIES) {
            throw new IllegalArgumentException("cities must be in 1.." + MAX_CITIES + ": " + cities);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Building one city

    private enum CountyKind {
        DISTRICT("区"), COUNTY("县"), COUNTY_CITY("市");

        final String suffix;

        CountyKind(String suffix) {
            this.suffix = suffix;
        }
    }

    private enum TownshipKind {
        STREET("街道", 1), TOWN("镇", 101), XIANG("乡", 201);

        final String suffix;
        final int firstNumber;

        TownshipKind(String suffix, int firstNumber) {
            this.suffix = suffix;
            this.firstNumber = firstNumber;
        }
    }

    private static final class Village {
        String placeName;
        PlaceType type;
        String originalCode;
        String currentCode;
        boolean generalBranch;
    }

    private static final class Township {
        String placeName;
        TownshipKind kind;
        String code;
        int villageCount;
        List<Village> villages = new ArrayList<>();
    }

    private static final class County {
        String placeName;
        CountyKind kind;
        String code;
        List<Township> townships = new ArrayList<>();
    }

    /** City {@code k} with ids from {@code firstId}. */
    City city(int k, long firstId) {
        Random r = new Random(mix(seed, k));
        String prefix = prefix(k);
        String cityName = k == 1 ? CITY1_NAME : otherCityNames.get(k - 2);
        String cityCode = prefix + "00000000";

        // sizes
        int countyCount;
        int townshipCount;
        int villageCount;
        if (k == 1) {
            countyCount = CITY1_COUNTIES;
            townshipCount = CITY1_TOWNSHIPS;
            villageCount = CITY1_VILLAGES;
        } else {
            countyCount = 8 + r.nextInt(6);
            townshipCount = clamp((int) Math.round(CITY1_TOWNSHIPS * (0.9 + 0.2 * r.nextDouble())),
                    countyCount * 10, countyCount * 25);
            double perTownship = (double) CITY1_VILLAGES / CITY1_TOWNSHIPS * (0.92 + 0.16 * r.nextDouble());
            villageCount = clamp((int) Math.round(townshipCount * perTownship), townshipCount * 5, townshipCount * 40);
        }

        // counties
        List<County> counties = new ArrayList<>(countyCount);
        Set<String> countyNames = new HashSet<>();
        for (int i = 0; i < countyCount; i++) {
            County c = new County();
            if (k == 1) {
                c.placeName = CITY1_COUNTY_NAMES[i];
                c.kind = CITY1_COUNTY_KINDS[i];
            } else {
                c.kind = i < 1 + (countyCount > 10 ? 2 : 1) ? CountyKind.DISTRICT
                        : i >= countyCount - 1 ? CountyKind.COUNTY_CITY : CountyKind.COUNTY;
                String name;
                do {
                    char a = COUNTY_FIRST.charAt(r.nextInt(COUNTY_FIRST.length()));
                    char b = COUNTY_SECOND.charAt(r.nextInt(COUNTY_SECOND.length()));
                    name = a == b ? null : "" + a + b + c.kind.suffix;
                } while (name == null || name.equals(cityName) || !countyNames.add(name));
                c.placeName = name;
            }
            c.code = prefix + two(i + 2) + "000000";
            counties.add(c);
        }

        // townships per county, kinds and names
        int[] perCounty = partition(r, townshipCount, weights(r, countyCount, null), 10, 25);
        List<Township> allTownships = new ArrayList<>(townshipCount);
        for (int i = 0; i < countyCount; i++) {
            County c = counties.get(i);
            int n = perCounty[i];
            int streets;
            int xiangs;
            switch (c.kind) {
                case DISTRICT -> {
                    streets = Math.max(1, (int) Math.round(n * (0.35 + 0.35 * r.nextDouble())));
                    xiangs = r.nextInt(3);
                }
                case COUNTY -> {
                    streets = 1 + r.nextInt(3);
                    xiangs = (int) Math.round(n * (0.15 + 0.2 * r.nextDouble()));
                }
                default -> {
                    streets = 2 + r.nextInt(4);
                    xiangs = (int) Math.round(n * 0.15 * r.nextDouble());
                }
            }
            int towns = n - streets - xiangs; // >= 1 for n >= 10 with the ranges above
            Set<String> usedStems = new HashSet<>();
            addTownships(r, c, TownshipKind.STREET, streets, STREET_STEMS, usedStems);
            addTownships(r, c, TownshipKind.TOWN, towns, RURAL_STEMS, usedStems);
            addTownships(r, c, TownshipKind.XIANG, xiangs, RURAL_STEMS, usedStems);
            allTownships.addAll(c.townships);
        }

        // villages per township
        double[] townshipWeights = new double[townshipCount];
        for (int i = 0; i < townshipCount; i++) {
            townshipWeights[i] = switch (allTownships.get(i).kind) {
                case STREET -> 0.7;
                case TOWN -> 1.2;
                case XIANG -> 0.8;
            };
        }
        int[] perTownship = partition(r, villageCount, weights(r, townshipCount, townshipWeights), 5, 40);
        List<Village> allVillages = new ArrayList<>(villageCount);
        for (int i = 0; i < townshipCount; i++) {
            Township t = allTownships.get(i);
            int m = perTownship[i];
            t.villageCount = m;
            int communities = switch (t.kind) {
                case STREET -> m - r.nextInt(m / 5 + 1);
                case TOWN -> Math.min(m - 1, 1 + r.nextInt(3));
                case XIANG -> 0;
            };
            Set<String> names = new HashSet<>();
            for (int v = 0; v < m; v++) {
                Village village = new Village();
                boolean community = v < communities;
                village.type = community ? PlaceType.COMMUNITY : PlaceType.VILLAGE;
                int number = community ? 1 + v : 201 + (v - communities);
                village.originalCode = t.code.substring(0, 9) + three(number);
                village.currentCode = village.originalCode;
                String name;
                int tries = 0;
                do {
                    if (++tries > 10_000) {
                        throw new IllegalStateException("no unique village name left in " + t.placeName);
                    }
                    name = community ? communityName(r) : villageName(r);
                } while (!names.add(name));
                village.placeName = name;
                village.generalBranch = r.nextInt(100) < GENERAL_BRANCH_PERCENT;
                t.villages.add(village);
                allVillages.add(village);
            }
        }

        // mergers: ~2 % of villages got a new code on MERGER_FROM, numbered after the last of their series
        int merged = (int) Math.round(villageCount * MERGED_SHARE);
        int[] order = new int[villageCount];
        Arrays.setAll(order, i -> i);
        for (int i = 0; i < merged; i++) {
            int j = i + r.nextInt(villageCount - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        boolean[] isMerged = new boolean[villageCount];
        for (int i = 0; i < merged; i++) {
            isMerged[order[i]] = true;
        }
        int index = 0;
        for (Township t : allTownships) {
            int communities = 0;
            for (Village v : t.villages) {
                if (v.type == PlaceType.COMMUNITY) {
                    communities++;
                }
            }
            int nextCommunity = 1 + communities;
            int nextVillage = 201 + (t.villages.size() - communities);
            for (Village v : t.villages) {
                if (isMerged[index++]) {
                    int number = v.type == PlaceType.COMMUNITY ? nextCommunity++ : nextVillage++;
                    v.currentCode = t.code.substring(0, 9) + three(number);
                }
            }
        }

        return emit(k, cityName, cityCode, counties, firstId, townshipCount, villageCount, merged);
    }

    private City emit(int k, String cityName, String cityCode, List<County> counties, long firstId,
                      int townshipCount, int villageCount, int merged) {
        int total = 1 + counties.size() + townshipCount + villageCount;
        List<OrgRow> orgs = new ArrayList<>(total);
        List<DivisionRow> divisions = new ArrayList<>(total + merged);
        long id = firstId;

        long cityId = id++;
        String cityCounty = cityCode.substring(0, 6);
        String cityPath = "/" + cityId + "/";
        orgs.add(new OrgRow(cityId, "P" + cityCode, "中共" + cityName + "委", cityName, Level.CITY,
                OrgType.PARTY_COMMITTEE, null, null, cityPath, 0, cityCounty, cityCode, false));
        divisions.add(new DivisionRow(cityId, cityCounty, cityCode, ORIGINAL_FROM, null));

        for (County c : counties) {
            long countyId = id++;
            String countyCode = c.code.substring(0, 6);
            String countyPath = cityPath + countyId + "/";
            orgs.add(new OrgRow(countyId, "P" + c.code, "中共" + c.placeName + "委", c.placeName, Level.COUNTY,
                    OrgType.PARTY_COMMITTEE, null, cityId, countyPath, 1, countyCode, c.code, false));
            divisions.add(new DivisionRow(countyId, countyCode, c.code, ORIGINAL_FROM, null));

            for (Township t : c.townships) {
                long townshipId = id++;
                String townshipPath = countyPath + townshipId + "/";
                String orgName = t.kind == TownshipKind.STREET
                        ? "中共" + t.placeName + "工作委员会"
                        : "中共" + t.placeName + "委员会";
                orgs.add(new OrgRow(townshipId, "P" + t.code, orgName, t.placeName, Level.TOWNSHIP,
                        OrgType.PARTY_COMMITTEE, null, countyId, townshipPath, 2, countyCode, t.code, false));
                divisions.add(new DivisionRow(townshipId, countyCode, t.code, ORIGINAL_FROM, null));

                for (Village v : t.villages) {
                    long villageId = id++;
                    OrgType type = v.generalBranch ? OrgType.GENERAL_BRANCH : OrgType.BRANCH;
                    String orgName2 = v.placeName + (v.generalBranch ? "党总支" : "党支部");
                    orgs.add(new OrgRow(villageId, "P" + v.originalCode, orgName2, v.placeName, Level.VILLAGE,
                            type, v.type, townshipId, townshipPath + villageId + "/", 3, countyCode,
                            v.currentCode, true));
                    if (v.currentCode.equals(v.originalCode)) {
                        divisions.add(new DivisionRow(villageId, countyCode, v.originalCode, ORIGINAL_FROM, null));
                    } else {
                        divisions.add(new DivisionRow(villageId, countyCode, v.originalCode, ORIGINAL_FROM, MERGER_REVOKED));
                        divisions.add(new DivisionRow(villageId, countyCode, v.currentCode, MERGER_FROM, null));
                    }
                }
            }
        }
        return new City(k, cityName, cityCode, List.copyOf(orgs), List.copyOf(divisions));
    }

    private static void addTownships(Random r, County c, TownshipKind kind, int count, String[] stems,
                                     Set<String> usedStems) {
        for (int i = 0; i < count; i++) {
            String stem;
            int tries = 0;
            do {
                if (++tries > 10_000) {
                    throw new IllegalStateException("no unique township name left in " + c.placeName);
                }
                stem = stems[r.nextInt(stems.length)];
            } while (!usedStems.add(stem));
            Township t = new Township();
            t.kind = kind;
            t.placeName = stem + kind.suffix;
            t.code = c.code.substring(0, 6) + three(kind.firstNumber + i) + "000";
            c.townships.add(t);
        }
    }

    private static String villageName(Random r) {
        int p = r.nextInt(10);
        if (p < 4) {
            return pick(r, SURNAMES) + pick(r, SURNAME_SUFFIXES);
        } else if (p < 7) {
            return pick(r, DIRECTIONS) + pick(r, TERRAINS) + "村";
        } else {
            return pick(r, VILLAGE_STEMS) + pick(r, VILLAGE_STEM_SUFFIXES);
        }
    }

    private static String communityName(Random r) {
        String stem = pick(r, COMMUNITY_STEMS);
        if (r.nextInt(4) < 3 || "苑园门厂".indexOf(stem.charAt(stem.length() - 1)) >= 0) {
            return stem + "社区";
        }
        return stem + pick(r, COMMUNITY_MIDDLES) + "社区";
    }

    private static List<String> otherCityNames(Random r) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < CITY_FIRST.length(); i++) {
            for (int j = 0; j < CITY_SECOND.length(); j++) {
                String name = "" + CITY_FIRST.charAt(i) + CITY_SECOND.charAt(j) + "市";
                if (!name.equals(CITY1_NAME)) {
                    names.add(name);
                }
            }
        }
        // Fisher-Yates with our own Random (Collections.shuffle's use of Random is not specified)
        for (int i = names.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String tmp = names.get(i);
            names.set(i, names.get(j));
            names.set(j, tmp);
        }
        return List.copyOf(names.subList(0, MAX_CITIES - 1));
    }

    /** Random weights in [0.4, 1.6) times an optional base weight, for uneven but bounded sizes. */
    private static double[] weights(Random r, int n, double[] base) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = (base == null ? 1.0 : base[i]) * (0.4 + 1.2 * r.nextDouble());
        }
        return w;
    }

    /** Splits {@code total} into {@code weights.length} parts in [min, max], roughly proportional to the weights. */
    static int[] partition(Random r, int total, double[] weights, int min, int max) {
        int n = weights.length;
        if (total < n * min || total > n * max) {
            throw new IllegalArgumentException(total + " does not fit " + n + " parts of " + min + ".." + max);
        }
        int[] parts = new int[n];
        Arrays.fill(parts, min);
        int rest = total - n * min;
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int assigned = 0;
        for (int i = 0; i < n; i++) {
            int add = (int) Math.min(max - min, Math.floor(rest * weights[i] / sum));
            parts[i] += add;
            assigned += add;
        }
        int left = rest - assigned;
        while (left > 0) {
            int i = r.nextInt(n);
            if (parts[i] < max) {
                parts[i]++;
                left--;
            }
        }
        return parts;
    }

    /** Per-city seed: SplitMix64 finaliser of (seed, k), so cities are independent of each other. */
    private static long mix(long seed, int k) {
        long z = seed + 0x9E3779B97F4A7C15L * (k + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    private static String two(int n) {
        if (n < 0 || n > 99) {
            throw new IllegalArgumentException("two digits: " + n);
        }
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String three(int n) {
        if (n < 0 || n > 999) {
            throw new IllegalArgumentException("three digits: " + n);
        }
        return n < 10 ? "00" + n : n < 100 ? "0" + n : Integer.toString(n);
    }

    private static String pick(Random r, String[] words) {
        return words[r.nextInt(words.length)];
    }

    // ------------------------------------------------------------------------------------------
    // Word lists (invented combinations; any likeness to a real place is a coincidence)

    private static final String[] CITY1_COUNTY_NAMES = {
            "江北区", "青山县", "岚湖区", "桦溪县", "松岗县", "雁川县", "枫林县", "鹤鸣县", "澄源市", "临岚市"};
    private static final CountyKind[] CITY1_COUNTY_KINDS = {
            CountyKind.DISTRICT, CountyKind.COUNTY, CountyKind.DISTRICT, CountyKind.COUNTY, CountyKind.COUNTY,
            CountyKind.COUNTY, CountyKind.COUNTY, CountyKind.COUNTY, CountyKind.COUNTY_CITY, CountyKind.COUNTY_CITY};

    private static final String CITY_FIRST = "岚松枫雁鹤澄桦柏霞翠溪棠琅沐栖星";
    private static final String CITY_SECOND = "川泽原湖阳州源宁丘屿陵滨";

    private static final String COUNTY_FIRST = "江河湖山石松柳桦枫杨榆柏桃梨杏青白红金银龙凤鹤雁鹿安宁永长丰兴平泰和清";
    private static final String COUNTY_SECOND = "北南东西川源泽阳宁山岭峰溪湖河城安平丰兴林台口原";

    private static final String[] STREET_STEMS = {
            "城关", "东城", "西城", "南城", "北城", "新华", "人民", "解放", "建设", "和平", "朝阳", "站前",
            "滨河", "胜利", "光明", "中心", "友谊", "文化", "东关", "西关", "南关", "北关", "新城", "花园",
            "湖滨", "东湖", "西湖", "南湖", "北湖", "龙泉", "金山", "银山", "向阳", "东风", "新兴", "长青"};

    private static final String[] RURAL_STEMS = {
            "柳河", "石门", "大河", "小河", "白石", "黄土", "青龙", "双桥", "三岔", "五里", "七星", "九龙",
            "杨柳", "梨树", "枣林", "桃园", "松林", "杏花", "马场", "李庄", "高台", "沙河", "清水", "红石",
            "黑山", "白马", "金沟", "银河", "太平", "永安", "长乐", "安乐", "福兴", "丰收", "新立", "兴隆",
            "宝山", "平安", "靠山", "卧龙", "凤凰", "龙湾", "鹿鸣", "花溪", "杨树", "榆林", "柏树", "草甸",
            "二道", "三道", "四方", "八里", "十里", "横山", "团山", "孤山", "南岭", "北岭", "东岗", "西岗",
            "大营", "小营", "前屯", "后屯", "芦苇", "荷塘", "莲花", "菱角", "泉水", "温泉", "石桥", "木桥",
            "板桥", "铁炉", "窑上", "磨盘", "牛心", "马鞍", "鸡冠", "卧牛", "跑马", "饮马", "望海", "观音",
            "青松", "翠峰", "云台", "碧水", "河口", "渡口", "岔路", "新安", "长兴", "广福", "永丰", "富源"};

    private static final String[] SURNAMES = {
            "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
            "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹", "袁",
            "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶",
            "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭", "邹",
            "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "史", "顾", "侯", "邵", "孟"};
    private static final String[] SURNAME_SUFFIXES = {
            "家村", "家村", "家村", "家屯村", "家庄村", "家沟村", "家堡村", "家店村", "家洼村", "家岗村",
            "庄村", "营村", "寨村", "家窝堡村"};
    private static final String[] DIRECTIONS = {"前", "后", "东", "西", "南", "北", "上", "下", "大", "小", "中"};
    private static final String[] TERRAINS = {
            "河", "沟", "岭", "坡", "营", "堡", "洼", "湾", "台", "岗", "屯", "庄", "井", "桥", "山", "峪"};
    private static final String[] VILLAGE_STEMS = {
            "柳树", "榆树", "杨树", "梨树", "杏树", "枣树", "桃园", "石桥", "双井", "三里", "五里", "八里",
            "十里", "红星", "红旗", "前进", "胜利", "光明", "新民", "新立", "永丰", "长发", "太平", "丰收",
            "团结", "民主", "东风", "向阳", "黎明", "曙光", "跃进", "建国", "庆丰", "兴隆", "富民", "青松",
            "白杨", "黄花", "金星", "长山", "卧虎", "龙泉", "凤鸣", "双河", "三合", "四合", "六合", "永胜"};
    private static final String[] VILLAGE_STEM_SUFFIXES = {"村", "村", "村", "屯村", "堡村", "沟村", "营村"};

    private static final String[] COMMUNITY_STEMS = {
            "东风", "幸福", "和平", "光明", "新华", "建设", "人民", "友谊", "文化", "繁荣", "园林", "桃源",
            "锦绣", "阳光", "康乐", "滨河", "站前", "北苑", "南苑", "东苑", "西苑", "花园", "春晖", "朝阳",
            "育才", "明珠", "翠湖", "金桥", "银河", "富民", "兴隆", "长青", "学府", "振兴", "团结", "民主",
            "龙泉", "秀水", "绿洲", "北门", "南门", "东门", "西门", "铁路", "电厂", "水厂", "湖滨", "江滨",
            "长安", "新兴", "永兴", "复兴", "前进", "胜利", "红旗", "工农", "向阳", "丽景", "安居", "和谐",
            "祥和", "嘉园", "馨苑", "星光", "彩虹", "紫荆", "丁香", "玉兰", "海棠", "梧桐", "银杏", "松涛"};
    private static final String[] COMMUNITY_MIDDLES = {"里", "苑", "园", "街", "路", "东", "西"};
}

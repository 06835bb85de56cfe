package bastion.demo;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Demo organisation data on top of the demo city, for screening (智能排查) to find something: for
 * every village-level organisation its five leadership posts (≈ 4 % of secretary posts vacant,
 * some for more than 180 days, a few right around 180), ≈ 12 months of meetings before today
 * (monthly 支委会 and 党小组会, quarterly 支部党员大会 and 党课, 主题党日 in the last three months; ≈ 3 % of organisations
 * without any 三会一课 meeting for the last 3 to 6 complete months) and an activity venue for
 * ≈ 97 % of them. Dates are relative to {@code today}, so the demo stays realistic whatever the
 * day. Deterministic: seeded by organisation code.
 *
 * <p>The demo townships of the Keycloak users (each county's first 镇, {@code P2312cc101000}, left
 * without scorecards by {@link DemoGradingLoader}) are made predictable instead: in each, the
 * last village but two (by division code) has had its secretary post vacant for 250 days, the last
 * but one has held no 三会一课 meeting for 4 complete months (and none this month), the last has no
 * venue, and the others have nothing to find.
 */
public final class DemoOrgDataLoader {

    private static final long SEED = 2026_0501L;

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
        "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"};
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰文辉建国志红春梅海燕立新德胜宝山永福金凤";

    private static final String[] COMMITTEE = {"研究部署本月党建工作", "研究发展党员工作", "研究村集体经济发展事项", "研究党务村务公开事项",
        "研究人居环境整治工作", "研究困难群众帮扶工作"};
    private static final String[] GROUP = {"学习党的创新理论", "学习新修订的纪律处分条例", "交流学习心得体会", "讨论党员积分管理",
        "学习习近平总书记重要讲话精神"};
    private static final String[] ASSEMBLY = {"通报季度工作并讨论重大事项", "讨论接收预备党员", "民主评议党员", "审议村级重大事项 (四议两公开)"};
    private static final String[] LECTURE = {"书记讲党课: 抓党建促乡村振兴", "党课: 学习贯彻党章", "党课: 廉洁自律教育", "党课: 全面从严治党"};
    private static final String[] THEME = {"主题党日: 重温入党誓词", "主题党日: 志愿服务进网格", "主题党日: 红色教育", "主题党日: 政策宣讲"};

    private static final String[] POSTS = {"SECRETARY", "DEPUTY_SECRETARY", "ORGANIZATION_COMMITTEE", "PROPAGANDA_COMMITTEE",
        "DISCIPLINE_COMMITTEE"};

    public record Result(int posts, int meetings, int venues, long millis, long generateMillis) {}

    private DemoOrgDataLoader() {}

    /** Loads in the caller's transaction, if no leadership post exists yet. */
    public static Result loadIfEmpty(Connection connection, LocalDate today) throws SQLException {
        long start = System.nanoTime();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM leadership_post)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return new Result(0, 0, 0, 0, 0);
            }
        }
        long postId = nextval(connection, "orgdata_seq");
        long meetingId = nextval(connection, "meeting_seq");
        StringBuilder posts = new StringBuilder(1 << 20);
        StringBuilder meetings = new StringBuilder(1 << 24);
        StringBuilder venues = new StringBuilder(1 << 20);
        int postCount = 0;
        int meetingCount = 0;
        int venueCount = 0;
        YearMonth thisMonth = YearMonth.from(today);
        LocalDate earliest = today.minusMonths(12);
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT v.id, v.code, v.county_code, v.place_name, v.place_type, t.place_name, substr(t.division_code, 7, 3),
                       row_number() OVER (PARTITION BY t.id ORDER BY v.division_code DESC, v.id DESC)
                FROM organization v JOIN organization t ON t.id = v.parent_id
                WHERE v.level = 'VILLAGE' ORDER BY v.id""")) {
            while (rs.next()) {
                long org = rs.getLong(1);
                String code = rs.getString(2);
                String county = rs.getString(3);
                String place = rs.getString(4);
                boolean community = "COMMUNITY".equals(rs.getString(5));
                String township = rs.getString(6);
                boolean demoTownship = "101".equals(rs.getString(7));
                int fromLast = rs.getInt(8);           // 1 = the township's last village (by division code)
                SplittableRandom random = new SplittableRandom(SEED ^ (code.hashCode() * 0x9E3779B97F4A7C15L));

                // what this organisation lacks
                int secretaryVacantDays;             // -1: held
                int dormantMonths;                   // 0: meets normally; else no 三会一课 in this many complete months (and this one)
                boolean noVenue;
                if (demoTownship) {
                    secretaryVacantDays = fromLast == 3 ? 250 : -1;
                    dormantMonths = fromLast == 2 ? 4 : 0;
                    noVenue = fromLast == 1;
                } else {
                    secretaryVacantDays = -1;
                    if (random.nextInt(100) < 4) {
                        int bucket = random.nextInt(100);
                        secretaryVacantDays = bucket < 35 ? 20 + random.nextInt(150)      // recent
                                : bucket < 50 ? 176 + random.nextInt(10)                    // right around 180 days
                                : 200 + random.nextInt(500);                                // long vacant
                    }
                    dormantMonths = random.nextInt(100) < 3 ? 3 + random.nextInt(4) : 0;
                    noVenue = random.nextInt(100) < 3;
                }

                // posts
                for (int p = 0; p < POSTS.length; p++) {
                    int vacantDays = p == 0 ? secretaryVacantDays : (!demoTownship && random.nextInt(100) < 6 ? 10 + random.nextInt(400) : -1);
                    posts.append(postId++).append('\t').append(org).append('\t').append(county).append('\t').append(POSTS[p]).append('\t');
                    if (vacantDays >= 0) {
                        posts.append("\\N\t\\N\t").append(today.minusDays(vacantDays));
                    } else {
                        posts.append(name(random)).append('\t').append(today.minusDays(200 + random.nextInt(3400))).append("\t\\N");
                    }
                    posts.append("\tdemo\n");
                    postCount++;
                }

                // meetings: months from 12 months ago to this one, none after today
                int members = 15 + random.nextInt(60);
                int committee = 3 + random.nextInt(5);
                int themeDay = 1 + random.nextInt(10);
                LocalDate dormantFrom = dormantMonths == 0 ? null : thisMonth.minusMonths(dormantMonths).atDay(1);
                boolean themeWhileDormant = random.nextBoolean();
                for (int back = 12; back >= 0; back--) {
                    YearMonth month = thisMonth.minusMonths(back);
                    int length = month.lengthOfMonth();
                    boolean quarterEnd = month.getMonthValue() % 3 == 0;
                    for (int kind = 0; kind < 5; kind++) {
                        if ((kind == 2 || kind == 3) && !quarterEnd || kind == 4 && back > 2) {
                            continue;
                        }
                        LocalDate day = switch (kind) {
                            case 0 -> month.atDay(Math.min(length, 3 + random.nextInt(20)));       // 支委会
                            case 1 -> month.atDay(Math.min(length, 8 + random.nextInt(18)));       // 党小组会
                            case 2 -> month.atDay(Math.min(length, 10 + random.nextInt(18)));      // 支部党员大会
                            case 3 -> month.atDay(Math.min(length, 12 + random.nextInt(16)));      // 党课
                            default -> month.atDay(themeDay);                                     // 主题党日
                        };
                        boolean skip = random.nextInt(100) < 4;                                      // an occasional month missed
                        if (skip || day.isAfter(today) || day.isBefore(earliest)) {
                            continue;
                        }
                        if (dormantFrom != null && !day.isBefore(dormantFrom) && (kind != 4 || !themeWhileDormant)) {
                            continue;
                        }
                        String kindName;
                        String topic;
                        int expected;
                        switch (kind) {
                            case 0 -> { kindName = "COMMITTEE"; topic = COMMITTEE[random.nextInt(COMMITTEE.length)]; expected = committee; }
                            case 1 -> { kindName = "GROUP"; topic = GROUP[random.nextInt(GROUP.length)]; expected = Math.max(3, members / 3); }
                            case 2 -> { kindName = "BRANCH_ASSEMBLY"; topic = ASSEMBLY[random.nextInt(ASSEMBLY.length)]; expected = members; }
                            case 3 -> { kindName = "PARTY_LECTURE"; topic = LECTURE[random.nextInt(LECTURE.length)]; expected = members; }
                            default -> { kindName = "THEME_DAY"; topic = THEME[random.nextInt(THEME.length)]; expected = members; }
                        }
                        int attendees = expected - random.nextInt(expected / 4 + 1);
                        meetings.append(meetingId++).append('\t').append(org).append('\t').append(county).append('\t').append(kindName)
                                .append('\t').append(day).append('\t').append(topic).append('\t').append(attendees).append('\t')
                                .append(expected).append("\tdemo\n");
                        meetingCount++;
                    }
                }

                // venue
                if (!noVenue) {
                    double quality = 0.7 + 0.3 * random.nextDouble();
                    venues.append(org).append('\t').append(county).append('\t')
                            .append(CopyWriter.escape(place + (community ? "社区党群服务中心" : "村党群服务中心"))).append('\t')
                            .append(CopyWriter.escape(township + place + (community ? "社区服务路 " : "村中心街 ") + (1 + random.nextInt(200)) + " 号"))
                            .append('\t').append(80 + random.nextInt(700)).append('.').append(random.nextInt(10)).append('\t')
                            .append(min(LocalDate.of(2012, 1, 1).plusDays(random.nextInt(4000)), today.minusDays(30)));
                    for (int i = 0; i < 24; i++) {
                        venues.append('\t').append(random.nextDouble() < quality ? 't' : 'f');
                    }
                    venues.append("\tdemo\n");
                    venueCount++;
                }
            }
        }
        long generated = (System.nanoTime() - start) / 1_000_000;
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try {
            copy.copyIn("COPY leadership_post (id, organization_id, county_code, post, holder_name, holder_since, vacant_since, updated_by) "
                    + "FROM STDIN", new StringReader(posts.toString()));
            // ≈ 100 000 rows: the foreign key (PostgreSQL's default name for V5's column constraint) is checked once, by one
            // join, rather than row by row, as the PostgreSQL manual advises for bulk loads; all in the caller's
            // transaction, so nobody ever sees the table without it
            try (Statement st = connection.createStatement()) {
                st.execute("ALTER TABLE meeting DROP CONSTRAINT meeting_organization_id_fkey");
            }
            copy.copyIn("COPY meeting (id, organization_id, county_code, kind, held_on, topic, attendees, expected, recorded_by) FROM STDIN",
                    new StringReader(meetings.toString()));
            try (Statement st = connection.createStatement()) {
                st.execute("ALTER TABLE meeting ADD CONSTRAINT meeting_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organization (id)");
            }
            copy.copyIn("COPY venue (organization_id, county_code, name, address, area_m2, registered_on, signage, multi_function, rules, "
                    + "service_desk, tidy, water, power, road, phone, internet, broadcast, office, meeting_room, party_room, service_room, "
                    + "library, recreation_room, flag, sign, rules_on_wall, equipment, distance_learning, archives, activity_log, updated_by) "
                    + "FROM STDIN", new StringReader(venues.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY of demo organisation data failed", e);
        }
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT setval('orgdata_seq', " + (postId + 50) + ")");
            st.execute("SELECT setval('meeting_seq', " + (meetingId + 50) + ")");
        }
        return new Result(postCount, meetingCount, venueCount, (System.nanoTime() - start) / 1_000_000, generated);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? b : a;
    }

    private static String name(SplittableRandom random) {
        StringBuilder sb = new StringBuilder(SURNAMES[random.nextInt(SURNAMES.length)]);
        int given = random.nextInt(100) < 70 ? 2 : 1;
        for (int i = 0; i < given; i++) {
            sb.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return sb.toString();
    }

    private static long nextval(Connection connection, String sequence) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT nextval('" + sequence + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

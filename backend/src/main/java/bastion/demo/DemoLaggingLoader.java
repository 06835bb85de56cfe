package bastion.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Demo findings on top of the demo city (DOMAIN §3), so that the screening boards, the county's
 * review and the overview of lagging organisations show a realistic picture: in every county,
 * about 2 % of the villages confirmed lagging this year (a few criteria each, mostly organisation
 * life, venues and economy), about 1 % suspected and awaiting the county, some suspicions
 * dismissed, and a few organisations cleared last year and now under follow-up. The demo
 * townships of the Keycloak users ({@code P2312cc101000}) get none, so that the officials start
 * from a clean board there. Deterministic: the same seed gives the same findings; dates are
 * relative to {@code today}.
 */
public final class DemoLaggingLoader {

    private static final long SEED = 2026_0701L;
    private static final String[] CONFIRMED_CRITERIA = {"C04", "C04", "C09", "C05", "C05", "C01", "C07", "C10", "C03", "C08"};

    public record Result(int findings, int confirmed, int suspected, int plans, long millis) {}

    private DemoLaggingLoader() {}

    public static Result loadIfEmpty(Connection connection, ObjectMapper json, LocalDate today) throws SQLException {
        long start = System.nanoTime();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM finding)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return new Result(0, 0, 0, 0, 0);
            }
        }
        Map<String, String> titles = new LinkedHashMap<>();
        try (InputStream in = DemoLaggingLoader.class.getResourceAsStream("/lagging/default-catalogue.json")) {
            JsonNode catalogue = json.readTree(in);
            for (JsonNode c : catalogue.path("criteria")) {
                titles.put(c.path("code").asText(), c.path("title").asText());
            }
        } catch (IOException e) {
            throw new SQLException("default catalogue unreadable", e);
        }
        List<Object[]> villages = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT o.id, o.code, o.county_code FROM organization o JOIN organization t ON t.id = o.parent_id
                WHERE o.graded AND t.code NOT LIKE '%101000' ORDER BY o.id""")) {
            while (rs.next()) {
                villages.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)});
            }
        }
        SplittableRandom random = new SplittableRandom(SEED);
        int year = today.getYear();
        int findings = 0;
        int confirmed = 0;
        int suspected = 0;
        int plans = 0;
        try (PreparedStatement finding = connection.prepareStatement("""
                INSERT INTO finding (id, organization_id, county_code, year, catalogue_label, criterion_code, criterion_title,
                    classifies_directly, state, source, raised_by, raised_at, confirmed_at, closed_at, state_changed_at, revision)
                VALUES (nextval('lagging_seq'), ?, ?, ?, ?, ?, ?, true, ?, 'MANUAL', ?, ?, ?, ?, ?, ?) RETURNING id""");
                PreparedStatement event = connection.prepareStatement("""
                        INSERT INTO finding_event (finding_id, county_code, at, actor, actor_name, action, from_state, to_state, reason, evidence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Object[] v : villages) {
                double roll = random.nextDouble();
                long org = (Long) v[0];
                String county = (String) v[2];
                if (roll < 0.02) {
                    int criteria = 1 + (random.nextDouble() < 0.3 ? 1 : 0);
                    String first = CONFIRMED_CRITERIA[random.nextInt(CONFIRMED_CRITERIA.length)];
                    List<Long> ids = new ArrayList<>();
                    LocalDate lastConfirmed = null;
                    for (int k = 0; k < criteria; k++) {
                        String code = k == 0 ? first : other(first, random);
                        LocalDate raised = today.minusDays(60 + random.nextInt(200));
                        LocalDate confirmedOn = raised.plusDays(7 + random.nextInt(21));
                        long id = insert(finding, org, county, year, code, titles.get(code), "CONFIRMED", raised, confirmedOn, null, confirmedOn, 2);
                        event(event, id, county, raised, "RAISE", null, "SUSPECTED", raisedReason(code), evidence(code));
                        event(event, id, county, confirmedOn, "CONFIRM", "SUSPECTED", "CONFIRMED",
                                "县委组织部会同乡镇党委核实后认定 / confirmed by the county after verification", "核查报告及乡镇党委意见");
                        findings++;
                        ids.add(id);
                        lastConfirmed = lastConfirmed == null || confirmedOn.isAfter(lastConfirmed) ? confirmedOn : lastConfirmed;
                    }
                    confirmed++;
                    if (random.nextDouble() < 0.6 && lastConfirmed.isBefore(today.minusDays(30))) {
                        plan(connection, random, org, county, ids, lastConfirmed.plusDays(5), today, event);
                        plans++;
                    }
                } else if (roll < 0.03) {
                    String code = CONFIRMED_CRITERIA[random.nextInt(CONFIRMED_CRITERIA.length)];
                    LocalDate raised = today.minusDays(3 + random.nextInt(40));
                    long id = insert(finding, org, county, year, code, titles.get(code), "SUSPECTED", raised, null, null, raised, 1);
                    event(event, id, county, raised, "RAISE", null, "SUSPECTED", raisedReason(code), evidence(code));
                    findings++;
                    suspected++;
                } else if (roll < 0.036) {
                    String code = CONFIRMED_CRITERIA[random.nextInt(CONFIRMED_CRITERIA.length)];
                    LocalDate raised = today.minusDays(90 + random.nextInt(120));
                    LocalDate dismissed = raised.plusDays(10 + random.nextInt(20));
                    long id = insert(finding, org, county, year, code, titles.get(code), "DISMISSED", raised, null, dismissed, dismissed, 2);
                    event(event, id, county, raised, "RAISE", null, "SUSPECTED", raisedReason(code), evidence(code));
                    event(event, id, county, dismissed, "DISMISS", "SUSPECTED", "DISMISSED",
                            "经核实情况已改善, 不构成后进 / verified: the situation has improved, not lagging", "乡镇党委复核意见");
                    findings++;
                }
            }
        }
        return new Result(findings, confirmed, suspected, plans, (System.nanoTime() - start) / 1_000_000);
    }

    private static final String[] LEADERS = {"王建国", "李明华", "张志强", "刘德胜", "陈卫东", "杨海涛", "赵立新", "周国平"};
    private static final String[] TITLES = {"县委常委、组织部部长", "县人大常委会副主任", "副县长", "县政协副主席", "县委常委、宣传部部长"};

    /**
     * A rectification plan under way for the organisation's confirmed findings: a linked leader who
     * mostly visits each month (some months missed, so overdue visits show), three tasks in the
     * three-list form, the first done, one usually past its deadline.
     */
    private static void plan(Connection connection, SplittableRandom random, long org, String county, List<Long> findingIds,
            LocalDate startedOn, LocalDate today, PreparedStatement event) throws SQLException {
        long planId;
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO rectification_plan (organization_id, county_code, state, leader_name, leader_title, started_on, reason,
                    created_by, created_at, revision)
                VALUES (?, ?, 'RECTIFYING', ?, ?, ?, '县委组织部部署整顿 / rectification ordered by the county', 'demo', ?, 1)
                RETURNING id""")) {
            ps.setLong(1, org);
            ps.setString(2, county);
            ps.setString(3, LEADERS[random.nextInt(LEADERS.length)]);
            ps.setString(4, TITLES[random.nextInt(TITLES.length)]);
            ps.setObject(5, startedOn);
            ps.setTimestamp(6, at(startedOn));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                planId = rs.getLong(1);
            }
        }
        for (long findingId : findingIds) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE finding SET state = 'RECTIFYING', revision = revision + 1, state_changed_at = ? WHERE id = ?")) {
                ps.setTimestamp(1, at(startedOn));
                ps.setLong(2, findingId);
                ps.executeUpdate();
            }
            event(event, findingId, county, startedOn, "RECTIFY", "CONFIRMED", "RECTIFYING",
                    "制定整顿方案 / rectification plan " + planId + " created", null);
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO plan_finding (plan_id, finding_id, county_code, attached_by, attached_at) VALUES (?, ?, ?, 'demo', ?)")) {
                ps.setLong(1, planId);
                ps.setLong(2, findingId);
                ps.setString(3, county);
                ps.setTimestamp(4, at(startedOn));
                ps.executeUpdate();
            }
        }
        String[][] tasks = {
            {"班子分工不明确, 议事规则不健全", "调整班子分工, 修订完善村级议事规则", "乡镇党委组织委员"},
            {"“三会一课”记录缺失", "建立组织生活台账, 每月开展主题党日", "村党组织书记"},
            {"群众反映问题办理不及时", "建立为民服务代办制度, 逐件销号", "驻村第一书记"}};
        for (int i = 0; i < tasks.length; i++) {
            LocalDate deadline = startedOn.plusDays(30L + 45L * i + random.nextInt(20));
            boolean done = i == 0 || (i == 1 && random.nextDouble() < 0.5);
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO rectification_task (plan_id, county_code, problem, measure, owner, deadline, status, evidence, done_on, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo')""")) {
                ps.setLong(1, planId);
                ps.setString(2, county);
                ps.setString(3, tasks[i][0]);
                ps.setString(4, tasks[i][1]);
                ps.setString(5, tasks[i][2]);
                ps.setObject(6, deadline);
                ps.setString(7, done ? "DONE" : (deadline.isBefore(today) ? "IN_PROGRESS" : "TODO"));
                ps.setString(8, done ? "整改材料已归档 (会议记录、制度文本)" : null);
                ps.setObject(9, done ? (deadline.isBefore(today) ? deadline.minusDays(3) : today.minusDays(1)) : null);
                ps.executeUpdate();
            }
        }
        for (LocalDate month = startedOn.withDayOfMonth(1); month.isBefore(today.withDayOfMonth(1)); month = month.plusMonths(1)) {
            if (random.nextDouble() < 0.15) {
                continue;
            }
            LocalDate visited = month.plusDays(random.nextInt(month.lengthOfMonth()));
            if (visited.isBefore(startedOn)) {
                visited = startedOn;
            }
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO rectification_visit (plan_id, county_code, visited_on, visitor, note, recorded_by, recorded_at)
                    VALUES (?, ?, ?, '联系领导', '到村指导整顿, 听取班子汇报', 'demo', ?)""")) {
                ps.setLong(1, planId);
                ps.setString(2, county);
                ps.setObject(3, visited);
                ps.setTimestamp(4, at(visited));
                ps.executeUpdate();
            }
        }
    }

    private static String other(String first, SplittableRandom random) {
        String code;
        do {
            code = CONFIRMED_CRITERIA[random.nextInt(CONFIRMED_CRITERIA.length)];
        } while (code.equals(first));
        return code;
    }

    private static String raisedReason(String code) {
        return switch (code) {
            case "C01" -> "村党组织书记长期缺职, 班子工作停滞 / the secretary post has long been vacant";
            case "C03" -> "班子成员矛盾突出, 多次群众反映 / repeated complaints of conflict in the team";
            case "C04" -> "近半年未按规定开展“三会一课” / the 三会一课 have not been held as required for half a year";
            case "C05" -> "村集体经济收入连续两年低于 5 万元 / collective income below 50 000 yuan two years running";
            case "C07" -> "村务财务公开不及时, 账目不清 / village affairs and finances not disclosed in time";
            case "C08" -> "信访矛盾集中, 今年信访件 12 件 / 12 petitions this year";
            case "C09" -> "无固定活动场所, 借用村民住房开会 / no activity venue; meetings held in a villager's house";
            case "C10" -> "群众评议满意率低于 60% / masses' satisfaction below 60 %";
            default -> "乡镇排查发现 / found by the township's screening";
        };
    }

    private static String evidence(String code) {
        return switch (code) {
            case "C05" -> "农业农村局集体经济统计表";
            case "C07" -> "纪检监察组检查记录";
            case "C08" -> "县信访局台账";
            default -> "乡镇党委走访记录";
        };
    }

    private static long insert(PreparedStatement ps, long org, String county, int year, String code, String title, String state,
            LocalDate raised, LocalDate confirmed, LocalDate closed, LocalDate changed, long revision) throws SQLException {
        ps.setLong(1, org);
        ps.setString(2, county);
        ps.setInt(3, year);
        ps.setString(4, "DEFAULT-" + year);
        ps.setString(5, code);
        ps.setString(6, title);
        ps.setString(7, state);
        ps.setString(8, "demo");
        ps.setTimestamp(9, at(raised));
        ps.setTimestamp(10, confirmed == null ? null : at(confirmed));
        ps.setTimestamp(11, closed == null ? null : at(closed));
        ps.setTimestamp(12, at(changed));
        ps.setLong(13, revision);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void event(PreparedStatement ps, long finding, String county, LocalDate on, String action, String from, String to,
            String reason, String evidence) throws SQLException {
        ps.setLong(1, finding);
        ps.setString(2, county);
        ps.setTimestamp(3, at(on));
        ps.setString(4, "demo");
        ps.setString(5, "演示数据");
        ps.setString(6, action);
        ps.setString(7, from);
        ps.setString(8, to);
        ps.setString(9, reason);
        ps.setString(10, evidence);
        ps.executeUpdate();
    }

    private static Timestamp at(LocalDate day) {
        return Timestamp.from(day.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    }
}

package bastion.rectification;

import bastion.common.SqlValues;
import bastion.audit.AuditLog;
import bastion.common.Problem;
import bastion.common.ProblemException;
import bastion.common.Today;
import bastion.lagging.CatalogueDtos;
import bastion.lagging.CatalogueService;
import bastion.lagging.FindingLedger;
import bastion.org.Organization;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.rectification.RectificationDtos.AcceptanceInput;
import bastion.rectification.RectificationDtos.AcceptanceView;
import bastion.rectification.RectificationDtos.ClearanceInput;
import bastion.rectification.RectificationDtos.ClearanceView;
import bastion.rectification.RectificationDtos.FindingInput;
import bastion.rectification.RectificationDtos.FirstSecretary;
import bastion.rectification.RectificationDtos.LinkedLeader;
import bastion.rectification.RectificationDtos.MonthStatus;
import bastion.rectification.RectificationDtos.OverdueItem;
import bastion.rectification.RectificationDtos.OverdueList;
import bastion.rectification.RectificationDtos.OverdueSummary;
import bastion.rectification.RectificationDtos.PlanFinding;
import bastion.rectification.RectificationDtos.PlanInput;
import bastion.rectification.RectificationDtos.PlanPage;
import bastion.rectification.RectificationDtos.PlanState;
import bastion.rectification.RectificationDtos.PlanSummary;
import bastion.rectification.RectificationDtos.PlanUpdate;
import bastion.rectification.RectificationDtos.PlanView;
import bastion.rectification.RectificationDtos.Result;
import bastion.rectification.RectificationDtos.Settings;
import bastion.rectification.RectificationDtos.TaskCounts;
import bastion.rectification.RectificationDtos.TaskInput;
import bastion.rectification.RectificationDtos.TaskStatus;
import bastion.rectification.RectificationDtos.TaskView;
import bastion.rectification.RectificationDtos.VisitInput;
import bastion.rectification.RectificationDtos.VisitMonth;
import bastion.rectification.RectificationDtos.VisitView;
import bastion.security.Caller;
import bastion.security.Jurisdiction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rectification plans (整顿, DOMAIN §3): RECTIFYING → ACCEPTED → CLEARED. The findings of the
 * plan's organisation move alongside, only through {@link FindingLedger}: RECTIFY when the plan is
 * made (or a finding is attached), ACCEPT on a passed acceptance rating, CLEAR on clearance — each
 * in the transaction of the plan's own change. Writes that decide the plan's state lock its row,
 * so that two concurrent acceptances or clearances never both succeed; task and visit writes take
 * a shared lock, so that an acceptance never sees a task half-changed.
 *
 * <p>Overdue: a task is overdue when its deadline is before today and it is not DONE; a month is
 * overdue when it ended before today (and before the plan was accepted) with fewer leader visits
 * than the catalogue in force requires. "Today" is {@link Today}.
 */
@ApplicationScoped
@Transactional
public class RectificationService {

    /** Key space of the per-organisation advisory lock taken when a plan is made. */
    private static final long PLAN_LOCK_BASE = 6_000_000_000L;
    private static final int OVERDUE_LIMIT = 5000;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    CatalogueService catalogues;

    @Inject
    FindingLedger ledger;

    @Inject
    AuditLog audit;

    @Inject
    Today today;

    @Inject
    ObjectMapper json;

    /** A plan's row. */
    record Plan(long id, long organizationId, String countyCode, PlanState state, String leaderName, String leaderTitle,
            String secretaryName, String secretaryUnit, LocalDate startedOn, String reason, String createdBy, OffsetDateTime createdAt,
            LocalDate acceptedOn, LocalDate clearedOn, String clearedBy, String clearedByName, OffsetDateTime clearedAt,
            String clearanceReason, Integer followUpMonths, LocalDate followUpUntil, long revision) {}

    private static final String PLAN_COLUMNS = """
            p.id, p.organization_id, p.county_code, p.state, p.leader_name, p.leader_title, p.secretary_name, p.secretary_unit,
            p.started_on, p.reason, p.created_by, p.created_at, p.accepted_on, p.cleared_on, p.cleared_by, p.cleared_by_name,
            p.cleared_at, p.clearance_reason, p.follow_up_months, p.follow_up_until, p.revision""";

    private static Plan plan(Object[] r) {
        return new Plan(num(r[0]), num(r[1]), (String) r[2], PlanState.valueOf((String) r[3]), (String) r[4], (String) r[5],
                (String) r[6], (String) r[7], date(r[8]), (String) r[9], (String) r[10], SqlValues.timestamp(r[11]), date(r[12]), date(r[13]),
                (String) r[14], (String) r[15], SqlValues.timestamp(r[16]), (String) r[17], r[18] == null ? null : ((Number) r[18]).intValue(),
                date(r[19]), num(r[20]));
    }

    // ------------------------------------------------------------------ reads

    @Transactional(Transactional.TxType.SUPPORTS)
    public PlanView get(long planId) {
        return view(find(planId, ""));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PlanPage list(Long under, PlanState state, Boolean overdue, Boolean followUp, int page, int size) {
        String prefix = prefix(under);
        LocalDate day = today.date();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + PLAN_COLUMNS + """
                 FROM rectification_plan p JOIN organization o ON o.id = p.organization_id
                WHERE o.path LIKE :prefix AND (CAST(:state AS varchar) IS NULL OR p.state = CAST(:state AS varchar))
                ORDER BY p.id DESC""")
                .setParameter("prefix", prefix + "%").setParameter("state", state == null ? null : state.name()).getResultList();
        List<Plan> plans = rows.stream().map(RectificationService::plan).toList();
        Map<Long, int[]> taskCounts = taskCounts(prefix, day);
        Map<Long, Map<YearMonth, Integer>> visits = visitCounts(prefix);
        Map<String, Settings> settings = new HashMap<>();
        List<PlanSummary> lines = new ArrayList<>();
        for (Plan p : plans) {
            Organization org = Organization.findById(p.organizationId());
            int[] counts = taskCounts.getOrDefault(p.id(), new int[3]);
            boolean active = p.state() == PlanState.RECTIFYING;
            int overdueTasks = active ? counts[2] : 0;
            int overdueMonths = active ? (int) calendar(p, org, visits.getOrDefault(p.id(), Map.of()), day, settings).stream()
                    .filter(m -> m.status() == MonthStatus.OVERDUE).count() : 0;
            boolean underFollowUp = underFollowUp(p, day);
            if (overdue != null && overdue != (overdueTasks + overdueMonths > 0)) {
                continue;
            }
            if (followUp != null && followUp != underFollowUp) {
                continue;
            }
            lines.add(new PlanSummary(p.id(), OrganizationRef.of(org), township(org), p.state(), new LinkedLeader(p.leaderName(), p.leaderTitle()),
                    p.startedOn(), new TaskCounts(counts[0], counts[1], overdueTasks), overdueMonths, p.acceptedOn(), p.followUpUntil(),
                    underFollowUp, p.revision()));
        }
        int from = Math.min((page - 1) * size, lines.size());
        int to = Math.min(from + size, lines.size());
        return new PlanPage(lines.subList(from, to), page, size, lines.size(), (lines.size() + size - 1) / size);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public OverdueList overdue(Long under) {
        String prefix = prefix(under);
        LocalDate day = today.date();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + PLAN_COLUMNS + """
                 FROM rectification_plan p JOIN organization o ON o.id = p.organization_id
                WHERE o.path LIKE :prefix AND p.state = 'RECTIFYING' ORDER BY p.id""")
                .setParameter("prefix", prefix + "%").getResultList();
        Map<Long, Plan> plans = new LinkedHashMap<>();
        rows.forEach(r -> plans.put(num(r[0]), plan(r)));
        List<OverdueItem> items = new ArrayList<>();
        int taskCount = 0;
        @SuppressWarnings("unchecked")
        List<Object[]> tasks = em.createNativeQuery("""
                SELECT t.plan_id, t.id, t.problem, t.owner, t.deadline, t.status
                FROM rectification_task t JOIN rectification_plan p ON p.id = t.plan_id JOIN organization o ON o.id = p.organization_id
                WHERE o.path LIKE :prefix AND p.state = 'RECTIFYING' AND t.status <> 'DONE' AND t.deadline < :today""")
                .setParameter("prefix", prefix + "%").setParameter("today", day).getResultList();
        for (Object[] t : tasks) {
            Plan p = plans.get(num(t[0]));
            if (p == null) {
                continue;
            }
            Organization org = Organization.findById(p.organizationId());
            LocalDate deadline = date(t[4]);
            items.add(new OverdueItem("TASK", p.id(), OrganizationRef.of(org), township(org), (int) ChronoUnit.DAYS.between(deadline, day),
                    num(t[1]), (String) t[2], (String) t[3], deadline, TaskStatus.valueOf((String) t[5]), null, null, null,
                    new LinkedLeader(p.leaderName(), p.leaderTitle())));
            taskCount++;
        }
        Map<Long, Map<YearMonth, Integer>> visits = visitCounts(prefix);
        Map<String, Settings> settings = new HashMap<>();
        int monthCount = 0;
        for (Plan p : plans.values()) {
            Organization org = Organization.findById(p.organizationId());
            for (VisitMonth m : calendar(p, org, visits.getOrDefault(p.id(), Map.of()), day, settings)) {
                if (m.status() == MonthStatus.OVERDUE) {
                    LocalDate end = YearMonth.parse(m.month()).atEndOfMonth();
                    items.add(new OverdueItem("VISIT_MONTH", p.id(), OrganizationRef.of(org), township(org),
                            (int) ChronoUnit.DAYS.between(end, day), null, null, null, null, null, m.month(), m.required(), m.recorded(),
                            new LinkedLeader(p.leaderName(), p.leaderTitle())));
                    monthCount++;
                }
            }
        }
        items.sort(Comparator.comparingInt(OverdueItem::daysOverdue).reversed()
                .thenComparing(i -> i.organization().code())
                .thenComparing(i -> i.taskId() == null ? 0L : i.taskId()));
        boolean truncated = items.size() > OVERDUE_LIMIT;
        return new OverdueList(day, truncated ? List.copyOf(items.subList(0, OVERDUE_LIMIT)) : items, taskCount, monthCount, truncated);
    }

    // ------------------------------------------------------------------ writes

    public PlanView create(PlanInput input) {
        LocalDate day = today.date();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (input.startedOn().isAfter(day)) {
            errors.add(new Problem.FieldError("startedOn", "不能晚于今天 (" + day + ") / must not be after today (" + day + ")"));
        } else if (input.startedOn().getYear() < 2000) {
            errors.add(new Problem.FieldError("startedOn", "不能早于 2000 年 / must not be before 2000"));
        }
        Organization org = Organization.findById(input.organizationId());
        if (org == null || !caller.jurisdiction().covers(org)) {
            errors.add(new Problem.FieldError("organizationId", "不存在或不在您的管辖范围内 / no such organisation in your jurisdiction"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:key)").setParameter("key", PLAN_LOCK_BASE + org.id).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Number> active = em.createNativeQuery(
                "SELECT id FROM rectification_plan WHERE organization_id = :org AND state <> 'CLEARED'")
                .setParameter("org", org.id).getResultList();
        if (!active.isEmpty()) {
            throw ProblemException.conflict("该组织已有未销号的整顿方案 " + active.get(0) + " / The organisation already has plan " + active.get(0)
                    + ", not cleared yet", Map.of("existingPlanId", active.get(0).longValue()));
        }
        @SuppressWarnings("unchecked")
        List<Number> confirmed = em.createNativeQuery(
                "SELECT id FROM finding WHERE organization_id = :org AND state = 'CONFIRMED' ORDER BY id")
                .setParameter("org", org.id).getResultList();
        if (confirmed.isEmpty()) {
            throw ProblemException.conflict("该组织没有已认定 (CONFIRMED) 的问题, 不能制定整顿方案 / The organisation has no CONFIRMED finding, "
                    + "so it cannot get a rectification plan");
        }
        FirstSecretary secretary = input.firstSecretary();
        long id = num(em.createNativeQuery("""
                INSERT INTO rectification_plan (organization_id, county_code, state, leader_name, leader_title, secretary_name,
                    secretary_unit, started_on, reason, created_by)
                VALUES (:org, :county, 'RECTIFYING', :leaderName, :leaderTitle, CAST(:secName AS varchar), CAST(:secUnit AS varchar),
                    :startedOn, :reason, :by)
                RETURNING id""")
                .setParameter("org", org.id).setParameter("county", org.countyCode)
                .setParameter("leaderName", input.linkedLeader().name().strip()).setParameter("leaderTitle", input.linkedLeader().title().strip())
                .setParameter("secName", secretary == null ? null : secretary.name().strip())
                .setParameter("secUnit", secretary == null ? null : secretary.unit().strip())
                .setParameter("startedOn", input.startedOn()).setParameter("reason", input.reason().strip())
                .setParameter("by", caller.username()).getSingleResult());
        FindingLedger.Actor actor = actor();
        for (Number finding : confirmed) {
            ledger.move(finding.longValue(), FindingLedger.Action.RECTIFY, null, actor,
                    "制定整顿方案 / rectification plan " + id + " created", null, null, null);
            link(id, finding.longValue(), org.countyCode);
        }
        audit.record(caller.username(), "RECTIFICATION_PLAN_CREATED", org.countyCode, null, org.id, null, input.reason().strip(),
                details(Map.of("planId", id, "findingIds", confirmed.stream().map(Number::longValue).toList())));
        return view(find(id, ""));
    }

    public PlanView update(long planId, long ifMatch, PlanUpdate input) {
        Plan p = find(planId, " FOR UPDATE");
        if (p.revision() != ifMatch) {
            throw ProblemException.stale(view(p));
        }
        requireRectifying(p, "修改方案 / change the plan");
        FirstSecretary secretary = input.firstSecretary();
        em.createNativeQuery("""
                UPDATE rectification_plan SET leader_name = :leaderName, leader_title = :leaderTitle,
                    secretary_name = CAST(:secName AS varchar), secretary_unit = CAST(:secUnit AS varchar), revision = revision + 1
                WHERE id = :id""")
                .setParameter("leaderName", input.linkedLeader().name().strip()).setParameter("leaderTitle", input.linkedLeader().title().strip())
                .setParameter("secName", secretary == null ? null : secretary.name().strip())
                .setParameter("secUnit", secretary == null ? null : secretary.unit().strip())
                .setParameter("id", planId).executeUpdate();
        audit.record(caller.username(), "RECTIFICATION_PLAN_UPDATED", p.countyCode(), null, p.organizationId(), null,
                input.reason() == null ? null : input.reason().strip(), details(Map.of("planId", planId,
                        "linkedLeader", input.linkedLeader().name().strip(), "firstSecretary", secretary == null ? "" : secretary.name().strip())));
        return view(find(planId, ""));
    }

    public TaskView addTask(long planId, TaskInput input) {
        Plan p = find(planId, " FOR SHARE");
        requireRectifying(p, "添加任务 / add a task");
        Checked c = check(p, input);
        long id = num(em.createNativeQuery("""
                INSERT INTO rectification_task (plan_id, county_code, problem, measure, owner, deadline, status, evidence, done_on, created_by)
                VALUES (:plan, :county, :problem, :measure, :owner, :deadline, :status, CAST(:evidence AS varchar), CAST(:doneOn AS date), :by)
                RETURNING id""")
                .setParameter("plan", planId).setParameter("county", p.countyCode())
                .setParameter("problem", input.problem().strip()).setParameter("measure", input.measure().strip())
                .setParameter("owner", input.owner().strip()).setParameter("deadline", input.deadline())
                .setParameter("status", c.status().name()).setParameter("evidence", c.evidence()).setParameter("doneOn", c.doneOn())
                .setParameter("by", caller.username()).getSingleResult());
        audit.record(caller.username(), "RECTIFICATION_TASK_ADDED", p.countyCode(), null, p.organizationId(), null, null,
                details(Map.of("planId", planId, "taskId", id, "status", c.status().name())));
        return task(planId, id, false);
    }

    public TaskView updateTask(long planId, long taskId, long ifMatch, TaskInput input) {
        Plan p = find(planId, " FOR SHARE");
        TaskView current = task(planId, taskId, true);
        if (current.revision() != ifMatch) {
            throw ProblemException.stale(current);
        }
        requireRectifying(p, "修改任务 / change a task");
        Checked c = check(p, input);
        em.createNativeQuery("""
                UPDATE rectification_task SET problem = :problem, measure = :measure, owner = :owner, deadline = :deadline,
                    status = :status, evidence = CAST(:evidence AS varchar), done_on = CAST(:doneOn AS date), updated_by = :by,
                    updated_at = now(), revision = revision + 1
                WHERE id = :id""")
                .setParameter("problem", input.problem().strip()).setParameter("measure", input.measure().strip())
                .setParameter("owner", input.owner().strip()).setParameter("deadline", input.deadline())
                .setParameter("status", c.status().name()).setParameter("evidence", c.evidence()).setParameter("doneOn", c.doneOn())
                .setParameter("by", caller.username()).setParameter("id", taskId).executeUpdate();
        audit.record(caller.username(), "RECTIFICATION_TASK_UPDATED", p.countyCode(), null, p.organizationId(), null, null,
                details(Map.of("planId", planId, "taskId", taskId, "from", current.status().name(), "to", c.status().name())));
        return task(planId, taskId, false);
    }

    public VisitView recordVisit(long planId, VisitInput input) {
        Plan p = find(planId, " FOR SHARE");
        requireRectifying(p, "记录走访 / record a visit");
        LocalDate day = today.date();
        if (input.visitedOn().isAfter(day)) {
            throw ProblemException.invalid("visitedOn", "不能晚于今天 (" + day + ") / must not be after today (" + day + ")");
        }
        if (input.visitedOn().isBefore(p.startedOn())) {
            throw ProblemException.invalid("visitedOn", "不能早于整顿开始日期 " + p.startedOn() + " / must not be before the plan started ("
                    + p.startedOn() + ")");
        }
        String note = input.note() == null || input.note().isBlank() ? null : input.note().strip();
        long id = num(em.createNativeQuery("""
                INSERT INTO rectification_visit (plan_id, county_code, visited_on, visitor, note, recorded_by)
                VALUES (:plan, :county, :on, :visitor, CAST(:note AS varchar), :by) RETURNING id""")
                .setParameter("plan", planId).setParameter("county", p.countyCode()).setParameter("on", input.visitedOn())
                .setParameter("visitor", input.visitor().strip()).setParameter("note", note).setParameter("by", caller.username())
                .getSingleResult());
        audit.record(caller.username(), "RECTIFICATION_VISIT_RECORDED", p.countyCode(), null, p.organizationId(), null, null,
                details(Map.of("planId", planId, "visitId", id, "visitedOn", input.visitedOn().toString())));
        return visits(planId).stream().filter(v -> v.id() == id).findFirst().orElseThrow();
    }

    public PlanView attachFinding(long planId, FindingInput input) {
        Plan p = find(planId, " FOR UPDATE");
        requireRectifying(p, "纳入问题 / attach a finding");
        @SuppressWarnings("unchecked")
        List<Number> owner = em.createNativeQuery("SELECT organization_id FROM finding WHERE id = :id")
                .setParameter("id", input.findingId()).getResultList();
        if (owner.isEmpty() || owner.get(0).longValue() != p.organizationId()) {
            throw ProblemException.invalid("findingId", "不是该方案所属组织的问题 / is not a finding of the plan's organisation");
        }
        String reason = input.reason() == null ? "纳入整顿方案 / attached to rectification plan " + planId
                : clip("纳入整顿方案 " + planId + " / attached to rectification plan " + planId + ": " + input.reason().strip(), 500);
        ledger.move(input.findingId(), FindingLedger.Action.RECTIFY, null, actor(), reason, null, null, null);
        link(planId, input.findingId(), p.countyCode());
        em.createNativeQuery("UPDATE rectification_plan SET revision = revision + 1 WHERE id = :id").setParameter("id", planId)
                .executeUpdate();
        audit.record(caller.username(), "RECTIFICATION_FINDING_ATTACHED", p.countyCode(), null, p.organizationId(), null,
                input.reason() == null ? null : input.reason().strip(), details(Map.of("planId", planId, "findingId", input.findingId())));
        return view(find(planId, ""));
    }

    public PlanView accept(long planId, long ifMatch, AcceptanceInput input) {
        BigDecimal points = new BigDecimal(input.ratingPoints());
        List<Problem.FieldError> errors = new ArrayList<>();
        if (points.compareTo(HUNDRED) > 0) {
            errors.add(new Problem.FieldError("ratingPoints", "不能超过 100 / must be at most 100"));
        }
        if (input.satisfied() > input.respondents()) {
            errors.add(new Problem.FieldError("satisfied", "不能超过测评人数 / must not exceed respondents"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Plan p = find(planId, " FOR UPDATE");
        if (p.revision() != ifMatch) {
            throw ProblemException.stale(view(p));
        }
        if (p.state() != PlanState.RECTIFYING) {
            throw illegal(p, "ACCEPT");
        }
        List<TaskView> tasks = tasks(planId);
        if (tasks.isEmpty()) {
            throw ProblemException.conflict("方案还没有任何整改任务, 不能验收 / The plan has no task yet, so it cannot be accepted",
                    Map.of("state", p.state().name(), "allowedActions", allowed(p.state()), "unfinishedTaskIds", List.of()));
        }
        List<TaskView> unfinished = tasks.stream().filter(t -> t.status() != TaskStatus.DONE).toList();
        if (!unfinished.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (TaskView t : unfinished) {
                names.append(names.isEmpty() ? "" : "; ").append('#').append(t.id()).append(' ').append(clip(t.problem(), 40));
            }
            throw ProblemException.conflict(clip("还有 " + unfinished.size() + " 项任务未完成, 不能验收: " + names + " / " + unfinished.size()
                    + " task(s) not DONE yet: " + names, 1900),
                    Map.of("state", p.state().name(), "allowedActions", allowed(p.state()),
                            "unfinishedTaskIds", unfinished.stream().map(TaskView::id).toList()));
        }
        Organization org = Organization.findById(p.organizationId());
        LocalDate day = today.date();
        Settings s = settings(org, day.getYear(), new HashMap<>());
        BigDecimal minPoints = new BigDecimal(s.acceptanceMinPoints());
        BigDecimal minPercent = new BigDecimal(s.acceptanceMinSatisfactionPercent());
        boolean pointsMet = points.compareTo(minPoints) >= 0;
        // satisfied / respondents ≥ minPercent / 100, compared without division: exact
        boolean satisfactionMet = BigDecimal.valueOf(input.satisfied()).multiply(HUNDRED)
                .compareTo(minPercent.multiply(BigDecimal.valueOf(input.respondents()))) >= 0;
        Result result = pointsMet && satisfactionMet ? Result.PASSED : Result.FAILED;
        em.createNativeQuery("""
                INSERT INTO rectification_acceptance (plan_id, county_code, result, rating_points, respondents, satisfied, min_points,
                    min_satisfaction_percent, catalogue_label, evidence, reason, decided_by, decided_by_name, decided_on)
                VALUES (:plan, :county, :result, :points, :respondents, :satisfied, :minPoints, :minPercent, :label, :evidence, :reason,
                    :by, CAST(:name AS varchar), :on)""")
                .setParameter("plan", planId).setParameter("county", p.countyCode()).setParameter("result", result.name())
                .setParameter("points", points).setParameter("respondents", input.respondents()).setParameter("satisfied", input.satisfied())
                .setParameter("minPoints", minPoints).setParameter("minPercent", minPercent).setParameter("label", s.catalogueLabel())
                .setParameter("evidence", input.evidence().strip()).setParameter("reason", input.reason().strip())
                .setParameter("by", caller.username()).setParameter("name", caller.displayName()).setParameter("on", day)
                .executeUpdate();
        if (result == Result.PASSED) {
            em.createNativeQuery("UPDATE rectification_plan SET state = 'ACCEPTED', accepted_on = :on, revision = revision + 1 WHERE id = :id")
                    .setParameter("on", day).setParameter("id", planId).executeUpdate();
            FindingLedger.Actor actor = actor();
            for (long finding : linkedFindings(planId, "RECTIFYING")) {
                ledger.move(finding, FindingLedger.Action.ACCEPT, null, actor,
                        clip("整顿验收通过 (方案 " + planId + ") / rectification plan " + planId + " accepted: " + input.reason().strip(), 500),
                        input.evidence().strip(), null, null);
            }
        } else {
            em.createNativeQuery("UPDATE rectification_plan SET revision = revision + 1 WHERE id = :id").setParameter("id", planId)
                    .executeUpdate();
        }
        audit.record(caller.username(), "RECTIFICATION_ACCEPTANCE_" + result.name(), p.countyCode(), null, p.organizationId(), null,
                input.reason().strip(), details(Map.of("planId", planId, "ratingPoints", points.toPlainString(),
                        "respondents", input.respondents(), "satisfied", input.satisfied(), "minPoints", s.acceptanceMinPoints(),
                        "minSatisfactionPercent", s.acceptanceMinSatisfactionPercent(), "catalogue", s.catalogueLabel())));
        return view(find(planId, ""));
    }

    public PlanView clear(long planId, long ifMatch, ClearanceInput input) {
        Plan p = find(planId, " FOR UPDATE");
        if (p.revision() != ifMatch) {
            throw ProblemException.stale(view(p));
        }
        if (p.state() != PlanState.ACCEPTED) {
            throw illegal(p, "CLEAR");
        }
        Organization org = Organization.findById(p.organizationId());
        LocalDate day = today.date();
        Settings s = settings(org, day.getYear(), new HashMap<>());
        LocalDate until = day.plusMonths(s.followUpMonths());
        em.createNativeQuery("""
                UPDATE rectification_plan SET state = 'CLEARED', cleared_on = :on, cleared_by = :by, cleared_by_name = CAST(:name AS varchar),
                    cleared_at = now(), clearance_reason = :reason, follow_up_months = :months, follow_up_until = :until,
                    revision = revision + 1
                WHERE id = :id""")
                .setParameter("on", day).setParameter("by", caller.username()).setParameter("name", caller.displayName())
                .setParameter("reason", input.reason().strip()).setParameter("months", s.followUpMonths()).setParameter("until", until)
                .setParameter("id", planId).executeUpdate();
        FindingLedger.Actor actor = actor();
        for (long finding : linkedFindings(planId, "ACCEPTED")) {
            ledger.move(finding, FindingLedger.Action.CLEAR, null, actor,
                    clip("整顿销号 (方案 " + planId + ") / rectification plan " + planId + " cleared: " + input.reason().strip(), 500),
                    null, null, null);
        }
        audit.record(caller.username(), "RECTIFICATION_PLAN_CLEARED", p.countyCode(), null, p.organizationId(), null,
                input.reason().strip(), details(Map.of("planId", planId, "followUpUntil", until.toString(), "catalogue", s.catalogueLabel())));
        return view(find(planId, ""));
    }

    // ------------------------------------------------------------------ helpers

    /** The plan, if the caller may see its organisation; otherwise 404 exactly like a missing plan. */
    private Plan find(long planId, String lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + PLAN_COLUMNS + " FROM rectification_plan p WHERE p.id = :id" + lock)
                .setParameter("id", planId).getResultList();
        if (!rows.isEmpty()) {
            Plan p = plan(rows.get(0));
            Organization org = Organization.findById(p.organizationId());
            if (org != null && caller.jurisdiction().covers(org)) {
                return p;
            }
        }
        throw ProblemException.notFound("整顿方案 " + planId + " 不存在或不在您的管辖范围内 / Rectification plan " + planId
                + " does not exist in your jurisdiction");
    }

    private String prefix(Long under) {
        Jurisdiction scope = caller.jurisdiction();
        if (under == null) {
            return scope.pathPrefix();
        }
        Organization u = Organization.findById(under);
        if (u == null || !scope.covers(u)) {
            throw ProblemException.notFound("组织 " + under + " 不在您的管辖范围内 / Organisation " + under + " is not in your jurisdiction");
        }
        return u.path;
    }

    private void requireRectifying(Plan p, String what) {
        if (p.state() != PlanState.RECTIFYING) {
            throw ProblemException.conflict("整顿方案 " + p.id() + " 当前为 " + p.state() + ", 不能" + what + " / Plan " + p.id() + " is "
                    + p.state() + "; only a RECTIFYING plan can be changed", Map.of("state", p.state().name(), "allowedActions", allowed(p.state())));
        }
    }

    private static ProblemException illegal(Plan p, String action) {
        String needs = action.equals("ACCEPT") ? "RECTIFYING" : "ACCEPTED";
        return ProblemException.conflict("整顿方案 " + p.id() + " 当前为 " + p.state() + ", 不能执行 " + action + " / Plan " + p.id() + " is "
                + p.state() + "; " + action + " needs " + needs, Map.of("state", p.state().name(), "allowedActions", allowed(p.state())));
    }

    static List<String> allowed(PlanState state) {
        return switch (state) {
            case RECTIFYING -> List.of("ACCEPT");
            case ACCEPTED -> List.of("CLEAR");
            case CLEARED -> List.of();
        };
    }

    private record Checked(TaskStatus status, String evidence, LocalDate doneOn) {}

    /** The rules of a task beyond its shape, every offending field at once. */
    private Checked check(Plan p, TaskInput input) {
        LocalDate day = today.date();
        TaskStatus status = input.status() == null ? TaskStatus.TODO : input.status();
        String evidence = input.evidence() == null ? null : input.evidence().strip();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (input.deadline().isBefore(p.startedOn())) {
            errors.add(new Problem.FieldError("deadline", "不能早于整顿开始日期 " + p.startedOn() + " / must not be before the plan started ("
                    + p.startedOn() + ")"));
        }
        LocalDate doneOn = null;
        if (status == TaskStatus.DONE) {
            if (evidence == null) {
                errors.add(new Problem.FieldError("evidence", "完成的任务必须有佐证 / a DONE task needs its evidence"));
            }
            doneOn = input.doneOn() == null ? day : input.doneOn();
            if (doneOn.isAfter(day)) {
                errors.add(new Problem.FieldError("doneOn", "不能晚于今天 (" + day + ") / must not be after today (" + day + ")"));
            } else if (doneOn.isBefore(p.startedOn())) {
                errors.add(new Problem.FieldError("doneOn", "不能早于整顿开始日期 " + p.startedOn() + " / must not be before the plan started ("
                        + p.startedOn() + ")"));
            }
        } else if (input.doneOn() != null) {
            errors.add(new Problem.FieldError("doneOn", "只有已完成 (DONE) 的任务有完成日期 / only a DONE task has doneOn"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Checked(status, evidence, doneOn);
    }

    private void link(long planId, long findingId, String countyCode) {
        em.createNativeQuery("""
                INSERT INTO plan_finding (plan_id, finding_id, county_code, attached_by) VALUES (:plan, :finding, :county, :by)""")
                .setParameter("plan", planId).setParameter("finding", findingId).setParameter("county", countyCode)
                .setParameter("by", caller.username()).executeUpdate();
    }

    private List<Long> linkedFindings(long planId, String state) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                SELECT f.id FROM plan_finding pf JOIN finding f ON f.id = pf.finding_id
                WHERE pf.plan_id = :plan AND f.state = :state ORDER BY f.id""")
                .setParameter("plan", planId).setParameter("state", state).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    private FindingLedger.Actor actor() {
        return new FindingLedger.Actor(caller.username(), caller.displayName());
    }

    /** The whole plan as the API shows it. */
    PlanView view(Plan p) {
        LocalDate day = today.date();
        Organization org = Organization.findById(p.organizationId());
        Map<String, Settings> settings = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> findingRows = em.createNativeQuery("""
                SELECT f.id, f.criterion_code, f.criterion_title, f.state FROM plan_finding pf JOIN finding f ON f.id = pf.finding_id
                WHERE pf.plan_id = :plan ORDER BY f.criterion_code, f.id""").setParameter("plan", p.id()).getResultList();
        List<PlanFinding> findings = findingRows.stream()
                .map(r -> new PlanFinding(num(r[0]), (String) r[1], (String) r[2], (String) r[3])).toList();
        List<TaskView> tasks = tasks(p.id());
        List<VisitView> visits = visits(p.id());
        Map<YearMonth, Integer> counts = new HashMap<>();
        visits.forEach(v -> counts.merge(YearMonth.from(v.visitedOn()), 1, Integer::sum));
        List<VisitMonth> calendar = calendar(p, org, counts, day, settings);
        boolean active = p.state() == PlanState.RECTIFYING;
        OverdueSummary overdue = new OverdueSummary(active ? (int) tasks.stream().filter(TaskView::overdue).count() : 0,
                active ? (int) calendar.stream().filter(m -> m.status() == MonthStatus.OVERDUE).count() : 0);
        ClearanceView clearance = p.clearedOn() == null ? null
                : new ClearanceView(p.clearedOn(), p.clearedBy(), p.clearedByName(), p.clearedAt(), p.clearanceReason(), p.followUpMonths());
        FirstSecretary secretary = p.secretaryName() == null ? null : new FirstSecretary(p.secretaryName(), p.secretaryUnit());
        return new PlanView(p.id(), OrganizationRef.of(org), township(org), p.state(), new LinkedLeader(p.leaderName(), p.leaderTitle()),
                secretary, p.startedOn(), p.reason(), p.createdBy(), p.createdAt(), settings(org, day.getYear(), settings), findings, tasks,
                visits, calendar, acceptances(p.id()), p.acceptedOn(), clearance, p.followUpUntil(), underFollowUp(p, day), overdue,
                allowed(p.state()), day, p.revision());
    }

    private static boolean underFollowUp(Plan p, LocalDate day) {
        return p.state() == PlanState.CLEARED && p.followUpUntil() != null && !p.followUpUntil().isBefore(day);
    }

    /**
     * One entry per month from the month the plan started to the current month, or to the month of
     * acceptance. A month is OVERDUE when it ended before today and before the acceptance with fewer
     * visits than required; DUE when it is short but not over yet.
     */
    List<VisitMonth> calendar(Plan p, Organization org, Map<YearMonth, Integer> counts, LocalDate day, Map<String, Settings> settings) {
        YearMonth current = YearMonth.from(day);
        YearMonth end = p.acceptedOn() != null && YearMonth.from(p.acceptedOn()).isBefore(current) ? YearMonth.from(p.acceptedOn()) : current;
        List<VisitMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(p.startedOn()); !m.isAfter(end); m = m.plusMonths(1)) {
            int required = settings(org, m.getYear(), settings).visitsPerMonth();
            int recorded = counts.getOrDefault(m, 0);
            LocalDate last = m.atEndOfMonth();
            boolean over = last.isBefore(day) && (p.acceptedOn() == null || last.isBefore(p.acceptedOn()));
            MonthStatus status = recorded >= required ? MonthStatus.OK : over ? MonthStatus.OVERDUE : MonthStatus.DUE;
            months.add(new VisitMonth(m.toString(), required, recorded, status));
        }
        return months;
    }

    /** The rectification settings of the catalogue in force for the organisation in a year (memoised per county and year). */
    Settings settings(Organization org, int year, Map<String, Settings> memo) {
        return memo.computeIfAbsent(org.countyCode + "/" + year, k -> {
            CatalogueDtos.CatalogueView catalogue = catalogues.effective(org, year);
            CatalogueDtos.Rectification r = catalogue.definition().rectification();
            return new Settings(catalogue.label(), r.visitsPerMonth(), r.acceptanceMinPoints(), r.acceptanceMinSatisfactionPercent(),
                    r.followUpMonths());
        });
    }

    /** The township an organisation belongs to (the organisation itself when it is a township or above). */
    private static OrganizationRef township(Organization org) {
        long[] ids = org.pathIds();
        if (ids.length >= 3 && ids[2] != org.id) {
            Organization t = Organization.findById(ids[2]);
            if (t != null) {
                return OrganizationRef.of(t);
            }
        }
        return OrganizationRef.of(org);
    }

    private List<TaskView> tasks(long planId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(TASK_SELECT + " WHERE plan_id = :plan ORDER BY deadline, id")
                .setParameter("plan", planId).getResultList();
        LocalDate day = today.date();
        return rows.stream().map(r -> task(r, day)).toList();
    }

    private static final String TASK_SELECT = """
            SELECT id, problem, measure, owner, deadline, status, evidence, done_on, revision, created_by, created_at, updated_by, updated_at
            FROM rectification_task""";

    private TaskView task(long planId, long taskId, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(TASK_SELECT + " WHERE id = :id AND plan_id = :plan" + (lock ? " FOR UPDATE" : ""))
                .setParameter("id", taskId).setParameter("plan", planId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("任务 " + taskId + " 不在整顿方案 " + planId + " 中 / Task " + taskId + " is not in plan " + planId);
        }
        return task(rows.get(0), today.date());
    }

    private static TaskView task(Object[] r, LocalDate day) {
        LocalDate deadline = date(r[4]);
        TaskStatus status = TaskStatus.valueOf((String) r[5]);
        boolean overdue = status != TaskStatus.DONE && deadline.isBefore(day);
        return new TaskView(num(r[0]), (String) r[1], (String) r[2], (String) r[3], deadline, status, (String) r[6], date(r[7]), overdue,
                overdue ? (int) ChronoUnit.DAYS.between(deadline, day) : 0, num(r[8]), (String) r[9], SqlValues.timestamp(r[10]), (String) r[11],
                SqlValues.timestamp(r[12]));
    }

    private List<VisitView> visits(long planId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, visited_on, visitor, note, recorded_by, recorded_at FROM rectification_visit
                WHERE plan_id = :plan ORDER BY visited_on DESC, id DESC""").setParameter("plan", planId).getResultList();
        return rows.stream().map(r -> new VisitView(num(r[0]), date(r[1]), (String) r[2], (String) r[3], (String) r[4], SqlValues.timestamp(r[5]))).toList();
    }

    private List<AcceptanceView> acceptances(long planId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, result, rating_points, respondents, satisfied, min_points, min_satisfaction_percent, catalogue_label, evidence,
                       reason, decided_by, decided_by_name, decided_at, decided_on
                FROM rectification_acceptance WHERE plan_id = :plan ORDER BY id""").setParameter("plan", planId).getResultList();
        List<AcceptanceView> out = new ArrayList<>();
        for (Object[] r : rows) {
            BigDecimal points = (BigDecimal) r[2];
            int respondents = ((Number) r[3]).intValue();
            int satisfied = ((Number) r[4]).intValue();
            BigDecimal minPoints = (BigDecimal) r[5];
            BigDecimal minPercent = (BigDecimal) r[6];
            // cut, not rounded, so that the shown share never passes a mark the exact one misses
            BigDecimal percent = BigDecimal.valueOf(satisfied).multiply(HUNDRED).divide(BigDecimal.valueOf(respondents), 2, RoundingMode.DOWN);
            boolean satisfactionMet = BigDecimal.valueOf(satisfied).multiply(HUNDRED)
                    .compareTo(minPercent.multiply(BigDecimal.valueOf(respondents))) >= 0;
            out.add(new AcceptanceView(num(r[0]), Result.valueOf((String) r[1]), plain(points), respondents, satisfied, plain(percent),
                    plain(minPoints), plain(minPercent), (String) r[7], points.compareTo(minPoints) >= 0, satisfactionMet, (String) r[8],
                    (String) r[9], (String) r[10], (String) r[11], SqlValues.timestamp(r[12]), date(r[13])));
        }
        return out;
    }

    /** total, done, overdue (deadline before today and not DONE) tasks per plan under a path. */
    private Map<Long, int[]> taskCounts(String prefix, LocalDate day) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT t.plan_id, count(*), count(*) FILTER (WHERE t.status = 'DONE'),
                       count(*) FILTER (WHERE t.status <> 'DONE' AND t.deadline < :today)
                FROM rectification_task t JOIN rectification_plan p ON p.id = t.plan_id JOIN organization o ON o.id = p.organization_id
                WHERE o.path LIKE :prefix GROUP BY t.plan_id""")
                .setParameter("prefix", prefix + "%").setParameter("today", day).getResultList();
        Map<Long, int[]> out = new HashMap<>();
        rows.forEach(r -> out.put(num(r[0]), new int[] {((Number) r[1]).intValue(), ((Number) r[2]).intValue(), ((Number) r[3]).intValue()}));
        return out;
    }

    /** Visits per plan and month under a path. */
    private Map<Long, Map<YearMonth, Integer>> visitCounts(String prefix) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT v.plan_id, CAST(EXTRACT(YEAR FROM v.visited_on) AS integer), CAST(EXTRACT(MONTH FROM v.visited_on) AS integer), count(*)
                FROM rectification_visit v JOIN rectification_plan p ON p.id = v.plan_id JOIN organization o ON o.id = p.organization_id
                WHERE o.path LIKE :prefix GROUP BY 1, 2, 3""")
                .setParameter("prefix", prefix + "%").getResultList();
        Map<Long, Map<YearMonth, Integer>> out = new HashMap<>();
        for (Object[] r : rows) {
            out.computeIfAbsent(num(r[0]), k -> new HashMap<>())
                    .put(YearMonth.of(((Number) r[1]).intValue(), ((Number) r[2]).intValue()), ((Number) r[3]).intValue());
        }
        return out;
    }

    private String details(Map<String, Object> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static long num(Object value) {
        return ((Number) value).longValue();
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + value.getClass());
    }

}

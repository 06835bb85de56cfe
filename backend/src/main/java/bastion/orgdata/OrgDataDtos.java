package bastion.orgdata;

import static bastion.rules.RuleSetDtos.TEXT;
import static bastion.rules.RuleSetDtos.TEXT_MESSAGE;

import bastion.org.OrganizationDtos.OrganizationRef;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The organisation-data shapes of the API contract: leadership posts, meetings, the activity venue. */
public final class OrgDataDtos {

    public static final String AREA = "^[0-9]{1,5}(\\.[0-9])?$";
    public static final String AREA_MESSAGE = "必须是最多一位小数的面积 (平方米), 如 \"320.5\" / must be an area in m² with at most one decimal, like \"320.5\"";

    private OrgDataDtos() {}

    /** 书记, 副书记, 组织委员, 宣传委员, 纪检委员. */
    public enum PostKind { SECRETARY, DEPUTY_SECRETARY, ORGANIZATION_COMMITTEE, PROPAGANDA_COMMITTEE, DISCIPLINE_COMMITTEE }

    /** 三会一课 (the first four) and 主题党日, which is not one of them. */
    public enum MeetingKind {
        BRANCH_ASSEMBLY, COMMITTEE, GROUP, PARTY_LECTURE, THEME_DAY;

        /** The kinds that count as 三会一课. */
        public static final List<String> SAN_HUI_YI_KE = List.of("BRANCH_ASSEMBLY", "COMMITTEE", "GROUP", "PARTY_LECTURE");
    }

    public record LeadershipPostView(
            PostKind post,
            boolean vacant,
            @JsonInclude(JsonInclude.Include.ALWAYS) String holderName,
            @JsonInclude(JsonInclude.Include.ALWAYS) LocalDate holderSince,
            @JsonInclude(JsonInclude.Include.ALWAYS) LocalDate vacantSince,
            Integer vacantDays,
            long revision,
            String updatedBy,
            OffsetDateTime updatedAt) {}

    public record LeadershipPostList(OrganizationRef organization, List<LeadershipPostView> posts) {}

    /** A holder (name + since) or a vacancy (since): checked by the service, field by field. */
    public record LeadershipPostInput(
            @Size(min = 1, max = 50) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String holderName,
            LocalDate holderSince,
            LocalDate vacantSince) {}

    public record MeetingView(long id, long organizationId, MeetingKind kind, LocalDate heldOn, String topic, int attendees, int expected,
            String recordedBy, OffsetDateTime recordedAt) {}

    public record MeetingInput(
            @NotNull MeetingKind kind,
            @NotNull LocalDate heldOn,
            @NotBlank @Size(max = 200) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String topic,
            @NotNull @Min(0) @Max(10_000) Integer attendees,
            @NotNull @Min(1) @Max(10_000) Integer expected) {}

    /** "五化六通六室七有": docs/decisions/0008-venue-checklist.md. */
    public record VenueChecklist(
            // 五化
            @NotNull Boolean signage, @NotNull Boolean multiFunction, @NotNull Boolean rules, @NotNull Boolean serviceDesk,
            @NotNull Boolean tidy,
            // 六通
            @NotNull Boolean water, @NotNull Boolean power, @NotNull Boolean road, @NotNull Boolean phone, @NotNull Boolean internet,
            @NotNull Boolean broadcast,
            // 六室
            @NotNull Boolean office, @NotNull Boolean meetingRoom, @NotNull Boolean partyRoom, @NotNull Boolean serviceRoom,
            @NotNull Boolean library, @NotNull Boolean recreationRoom,
            // 七有
            @NotNull Boolean flag, @NotNull Boolean sign, @NotNull Boolean rulesOnWall, @NotNull Boolean equipment,
            @NotNull Boolean distanceLearning, @NotNull Boolean archives, @NotNull Boolean activityLog) {

        /** The items in the order of the table's columns, grouped 5 + 6 + 6 + 7. */
        public boolean[] items() {
            return new boolean[] {signage, multiFunction, rules, serviceDesk, tidy, water, power, road, phone, internet, broadcast,
                    office, meetingRoom, partyRoom, serviceRoom, library, recreationRoom, flag, sign, rulesOnWall, equipment,
                    distanceLearning, archives, activityLog};
        }

        public static VenueChecklist of(boolean[] v) {
            return new VenueChecklist(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14],
                    v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], v[23]);
        }

        public VenueScore score() {
            boolean[] items = items();
            String[] groups = {"WU_HUA", "LIU_TONG", "LIU_SHI", "QI_YOU"};
            int[] sizes = {5, 6, 6, 7};
            List<ChecklistGroupScore> scores = new java.util.ArrayList<>();
            int at = 0;
            int met = 0;
            for (int g = 0; g < groups.length; g++) {
                int groupMet = 0;
                for (int i = 0; i < sizes[g]; i++) {
                    if (items[at++]) {
                        groupMet++;
                    }
                }
                met += groupMet;
                scores.add(new ChecklistGroupScore(groups[g], groupMet, sizes[g]));
            }
            return new VenueScore(met, items.length, scores);
        }
    }

    /** The venue columns, in the order of {@link VenueChecklist#items()}. */
    public static final List<String> CHECKLIST_COLUMNS = List.of("signage", "multi_function", "rules", "service_desk", "tidy",
            "water", "power", "road", "phone", "internet", "broadcast",
            "office", "meeting_room", "party_room", "service_room", "library", "recreation_room",
            "flag", "sign", "rules_on_wall", "equipment", "distance_learning", "archives", "activity_log");

    public record ChecklistGroupScore(String group, int met, int total) {}

    public record VenueScore(int met, int total, List<ChecklistGroupScore> groups) {}

    public record VenueView(OrganizationRef organization, String name, String address, String areaSquareMeters, LocalDate registeredOn,
            VenueChecklist checklist, VenueScore score, long revision, String updatedBy, OffsetDateTime updatedAt) {}

    public record VenueInput(
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String name,
            @NotBlank @Size(max = 200) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String address,
            @NotNull @Pattern(regexp = AREA, message = AREA_MESSAGE) String areaSquareMeters,
            @NotNull LocalDate registeredOn,
            @NotNull @Valid VenueChecklist checklist) {}
}

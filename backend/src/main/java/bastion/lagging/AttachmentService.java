package bastion.lagging;

import bastion.common.Problem;
import bastion.common.ProblemException;
import bastion.common.Problems;
import bastion.lagging.FindingDtos.Attachment;
import bastion.lagging.FindingLedger.State;
import bastion.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Evidence files of findings: PNG, JPEG or PDF, at most 5 MiB, the type taken from the content
 * (never from the name or the declared type), kept in the database so that no name supplied by a
 * client ever reaches a file system; the name is kept for display only, cleaned.
 */
@ApplicationScoped
@Transactional
public class AttachmentService {

    public static final int MAX_BYTES = 5 * 1024 * 1024;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    FindingService findings;

    @Inject
    FindingLedger ledger;

    public record Content(String fileName, String mediaType, byte[] bytes) {}

    public Attachment upload(long findingId, String declaredName, byte[] bytes) {
        FindingService.Row row = findings.require(caller.jurisdiction(), findingId);
        if (!findings.mayRaise()) {
            throw ProblemException.forbidden("只有乡镇干部和县、市组织部门可以上传证据 / Only township officials and county or city admins may attach evidence");
        }
        if (row.state() == State.CLEARED || row.state() == State.DISMISSED) {
            throw ProblemException.conflict("问题已" + (row.state() == State.CLEARED ? "销号" : "排除") + ", 不能再上传证据 / The finding is "
                    + row.state() + "; no more evidence can be attached", Map.of("state", row.state().name(), "allowedActions", List.of()));
        }
        if (bytes == null || bytes.length == 0) {
            throw ProblemException.invalid("file", "文件为空 / the file is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(bytes.length);
        }
        String mediaType = sniff(bytes);
        if (mediaType == null) {
            throw new ProblemException(415, Problems.UNSUPPORTED_MEDIA_TYPE, "文件类型不支持 / Unsupported file type",
                    "只接受 PNG、JPEG 图片或 PDF 文件 (按文件内容判断) / Only PNG or JPEG images and PDF files are accepted (judged by their content)",
                    List.of(new Problem.FieldError("file", "不是 PNG、JPEG 或 PDF / is not a PNG, JPEG or PDF file")));
        }
        String name = cleanName(declaredName, mediaType);
        long id = ledger.nextId();
        em.createNativeQuery("""
                INSERT INTO finding_attachment (id, finding_id, county_code, file_name, media_type, size_bytes, sha256, content, uploaded_by)
                VALUES (:id, :finding, :county, :name, :type, :size, :sha, :content, :by)""")
                .setParameter("id", id).setParameter("finding", findingId).setParameter("county", row.countyCode())
                .setParameter("name", name).setParameter("type", mediaType).setParameter("size", bytes.length)
                .setParameter("sha", sha256(bytes)).setParameter("content", bytes).setParameter("by", caller.username())
                .executeUpdate();
        return findings.attachments(findingId).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
    }

    public static ProblemException tooLarge(long size) {
        return new ProblemException(413, Problems.TOO_LARGE, "文件过大 / File too large",
                "文件不能超过 5 MiB / A file may be at most 5 MiB", List.of(new Problem.FieldError("file", "超过 5 MiB / is larger than 5 MiB")));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Content download(long findingId, long attachmentId) {
        findings.require(caller.jurisdiction(), findingId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT file_name, media_type, content FROM finding_attachment WHERE id = :id AND finding_id = :finding")
                .setParameter("id", attachmentId).setParameter("finding", findingId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("附件 " + attachmentId + " 不存在 / Attachment " + attachmentId + " does not exist");
        }
        return new Content((String) rows.get(0)[0], (String) rows.get(0)[1], (byte[]) rows.get(0)[2]);
    }

    /** The type by the file's first bytes: PNG signature, JPEG SOI marker, PDF header. */
    static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0d && b[5] == 0x0a
                && b[6] == 0x1a && b[7] == 0x0a) {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 5 && new String(b, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
            return "application/pdf";
        }
        return null;
    }

    /**
     * A display name: the last part of whatever path the client sent, without control characters
     * or characters that mean something to file systems and shells, at most 120 characters, with
     * the extension of the real type.
     */
    static String cleanName(String declared, String mediaType) {
        String ext = switch (mediaType) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            default -> ".pdf";
        };
        String name = declared == null ? "" : declared;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        name = name.replaceAll("[\\p{Cntrl}<>:\"|?*%$`;&]", "").replaceAll("^[.\\s]+", "").strip();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        if (base.isBlank()) {
            base = "证据";
        }
        if (base.length() > 120 - ext.length()) {
            base = base.substring(0, 120 - ext.length());
        }
        return base + ext;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

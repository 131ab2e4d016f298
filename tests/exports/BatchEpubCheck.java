// EPUBCheck on several EPUBs in one JVM (EPUBCheck's own command line takes one file, and a JVM
// costs about five seconds to start and warm up). Run as a single-file program:
//   java -cp "epubcheck.jar:lib/*" BatchEpubCheck.java REPORT-DIR FILE.epub ...
// writes REPORT-DIR/<n>.json (EPUBCheck's JSON report) for the n-th file; exits with the worst status.
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.File;

public class BatchEpubCheck {
    public static void main(String[] args) {
        File reports = new File(args[0]);
        int worst = 0;
        for (int i = 1; i < args.length; i++) {
            String report = new File(reports, (i - 1) + ".json").getPath();
            int status = new EpubChecker().run(new String[] {args[i], "--json", report, "--failonwarnings", "--quiet"});
            worst = Math.max(worst, status);
        }
        System.exit(worst);
    }
}

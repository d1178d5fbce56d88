package io.ragplatform.eval.grounded;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The word lists of the offline scorers, lower case. Each is written as a text block of words separated by white space
 * and parsed once, when the class loads; a word listed twice in a set is an error at that point.
 */
final class Lexicon {
    private Lexicon() {}

    /** Function words: no content of their own, and never a named entity when capitalised. */
    static final Set<String> STOP = set("""
            a an the and or but if then than as of in on at to for from by with within into onto upon about across after
            before during between among through throughout via per over under up down out off is are was were be been
            being am do does did doing done has have had having can could may might must shall should will would ca wo
            this that these those it its itself they them their theirs he him his she her hers we us our you your i me
            my who whom whose which what when where why how there here also such so very too just only both each either
            any all some most many much other another same own s t whether while although though because since until
            whereas thus therefore however hence moreover furthermore indeed yet still even well often usually generally
            et al eg ie vs one ones""");

    /**
     * Negation cues (contractions are expanded before tokenising: "doesn't" is "does not"; Chinese cues are tokens of
     * their own, see {@link CjkTokens}).
     */
    static final Set<String> NEGATION = set("""
            not no never none nobody nothing neither nor without lack lacks lacked lacking absence absent fail fails
            failed failing unable cannot incapable ineffective insignificant nonsignificant unaffected unchanged
            unrelated 不 没 未 无 非""");

    /** Number words accepted as aliases of digits. "one" only matches, it never counts as a changed number. */
    static final Map<String, String> NUMBER_WORDS = pairs("""
            one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 twelve=12 twenty=20
            thirty=30 forty=40 fifty=50 hundred=100 thousand=1000 million=1000000 billion=1000000000 twice=2 double=2
            half=0.5 single=1""");

    /**
     * Polar axes: for each axis, the words that go "up" {@code |} the words that go "down" (matched by stem; Chinese
     * words of two characters, matched as bigrams). The order counts: a word on two axes belongs to the first, and a
     * flip takes the first opposite with the same ending.
     */
    static final String[][][] AXES = {
        // amount, level and activity (increase/decrease, promote/inhibit, ...)
        axis("""
                increase increases increased increasing increment rise rises rising risen rose raise raises raised
                elevate elevates elevated elevation heighten heightened boost boosts augment augmented augmentation
                enhance enhances enhanced enhancement amplify amplifies amplified amplification upregulate upregulates
                upregulated upregulation accumulate accumulation expand expansion exceed exceeds more greater higher
                larger high excess excessive gain gains potentiate potentiates potentiated exacerbate exacerbates
                exacerbated accelerate accelerates accelerated longer faster stronger most highest maximal
                overexpression activate activates activated activation activator induce induces induced induction
                promote promotes promoted promoting promotion stimulate stimulates stimulated stimulation trigger
                triggers triggered facilitate facilitates facilitated encourage encourages encouraged favor favors
                favour favours agonist sensitize sensitizes abundant frequent expanded plentiful
                增加 增长 增多 提高 升高 上升 上涨 增强 加强 促进 扩大 加快
                | decrease decreases decreased decreasing decline declines declined reduce reduces reduced reducing
                reduction reductions diminish diminishes diminished drop drops dropped fall falls fell fallen lower
                lowers lowered lowering less fewer smaller low lesser loss losses lose loses lost deplete depleted
                depletion attenuate attenuates attenuated attenuation downregulate downregulates downregulated
                downregulation shrink shrinks deficit deficiency deficient lessen lessens minimize minimal limit limits
                limited shorter slower weaker slow slows slowed delay delays delayed least lowest knockdown depletes
                inhibit inhibits inhibited inhibiting inhibition inhibitor inhibitory suppress suppresses suppressed
                suppression repress represses repressed repression block blocks blocked blockade prevent prevents
                prevented prevention antagonize antagonist impede impedes hinder hinders hamper hampers inactivate
                inactivates inactivated inactivation deactivate abolish abolishes abolished abrogate abrogates abrogated
                disrupt disrupts disrupted silence silenced arrest arrests counteract counteracts interfere interferes
                desensitize scarce rare infrequent
                减少 减低 降低 下降 下跌 减弱 削弱 抑制 阻止 缩小 减慢 减缓"""),
        // valence / outcome
        axis("""
                improve improves improved improvement benefit benefits beneficial better superior effective efficacious
                efficacy favorable favourable success successful safe safer recover recovery restore restores restored
                alleviate alleviates relieve relieves ameliorate ameliorates cure cures heal survive survival protect
                protects protected protective protection outperform outperforms 改善 好转 有益
                | worsen worsens worsened deteriorate deteriorates deterioration harm harms harmful detrimental adverse
                inferior worse ineffective damage damages damaged toxic toxicity failure unfavorable unfavourable unsafe
                impair impairs impaired impairment risk risks hazard hazardous underperform 恶化 有害 损害"""),
        // importance
        axis("""
                important importance key major central pivotal vital significant substantial strong strongly robust
                marked markedly dramatic dramatically considerable
                | trivial minor negligible marginal irrelevant unimportant modest weak weakly slight slightly little
                small insignificant nonsignificant"""),
        // accuracy / validity
        axis("""
                accurate accurately accuracy reliable reliably valid correct correctly precise consistent consistently
                predictive
                | inaccurate inaccuracy unreliable invalid incorrect incorrectly imprecise inconsistent overestimate
                overestimates underestimate underestimates"""),
        // association sign
        axis("positive positively direct directly | negative negatively inverse inversely"),
        // necessity
        axis("""
                require requires required requirement necessary essential needed indispensable critical crucial
                sufficient
                | dispensable unnecessary redundant nonessential independent independently insufficient"""),
        // presence
        axis("""
                present presence detectable detected express expresses expressed expression
                | absent absence undetectable undetected lack lacks lacking devoid"""),
        // susceptibility
        axis("""
                susceptible susceptibility sensitive sensitivity vulnerable vulnerability
                | resistant resistance immune tolerant tolerance insensitive"""),
        // timing
        axis("early earlier before precede precedes preceded | late later after follow follows followed"),
    };

    /** Null-effect cues: the text says nothing changed or differed. */
    static final Set<String> NULL_EFFECT = set("""
            similar similarly comparable unchanged unaffected unaltered equivalent equal identical indistinguishable
            unrelated irrespective regardless nonsignificant insignificant same""");

    private static String[] words(String block) {
        return block.strip().split("\\s+");
    }

    /** {@code Set.of}: rejects a word listed twice. */
    private static Set<String> set(String block) {
        return Set.of(words(block));
    }

    /** {@code word=value} pairs; {@code Map.ofEntries} rejects a word listed twice. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> pairs(String block) {
        return Map.ofEntries(Arrays.stream(words(block))
                .map(p -> Map.entry(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1)))
                .toArray(Map.Entry[]::new));
    }

    /** The words that go "up", then {@code |}, then the words that go "down". */
    private static String[][] axis(String block) {
        String[] sides = block.split("\\|");
        if (sides.length != 2) {
            throw new IllegalArgumentException("an axis has two sides: " + block);
        }
        return new String[][] {words(sides[0]), words(sides[1])};
    }
}

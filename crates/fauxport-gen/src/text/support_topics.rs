//! The support subjects: for each, the questions a shopper asks and the facts, steps, policy and
//! table an answer is written from, and a wrong claim for the worse of two answers. Read by
//! `support.rs` (the exchanges) and `naming.rs` (project and dataset names).

/// One support subject with everything needed to ask and answer about it.
pub(super) struct SupportTopic {
    /// The tag a rater would put on the row.
    pub(super) tag: &'static str,
    /// A noun phrase for the subject, used by padding sentences.
    pub(super) subject: &'static str,
    pub(super) questions: &'static [&'static str],
    pub(super) facts: &'static [&'static str],
    pub(super) steps_heading: &'static str,
    pub(super) steps: &'static [&'static str],
    /// The policy line an answer should cite.
    pub(super) policy: &'static str,
    pub(super) header: &'static [&'static str],
    pub(super) table: &'static [&'static [&'static str]],
    /// A plausible but wrong claim, for the worse of two answers.
    pub(super) wrong: &'static str,
}

pub(super) const TOPICS: &[SupportTopic] = &[
    SupportTopic {
        tag: "returns",
        subject: "returning an item",
        questions: &[
            "I bought a $P three weeks ago and it stopped working. Can I still return it?",
            "How do I return my $P? The order number is $#.",
            "What's your return policy for opened items?",
            "Can I return something I bought as a gift without the receipt?",
            "My $P arrived but it's the wrong colour. How do I send it back?",
        ],
        facts: &[
            "⟨You can return most items within 30 days of delivery|Most items can be returned for 30 days after delivery|We take back most items for a month after they arrive⟩ ⟨for a full refund|and refund them in full|for your money back⟩.",
            "Opened items are ⟨accepted|fine to return|welcome back⟩ as long as ⟨all accessories and the original packaging are included|everything that came in the box is included|the accessories and packaging come back with them⟩.",
            "Returns ⟨are free|cost you nothing⟩ when ⟨the item is faulty or we shipped the wrong thing|the item is faulty or not what you ordered|the mistake or the fault is ours⟩.",
            "For gifts, ⟨we can refund the gift receiver with store credit instead of the original payment|the person who received it gets store credit rather than a card refund|the recipient is refunded in store credit, not to the buyer's card⟩.",
        ],
        steps_heading: "⟨How to start a return|Starting a return|Returning the $P⟩",
        steps: &[
            "⟨Go to|Open|Sign in and open⟩ **Orders**⟨ in your account| on the website| in the app|⟩ and ⟨select|pick|find⟩ order `#$#`.",
            "⟨Click **Return an item**|Then **Return an item**|Choose **Return an item**|Select the item, then **Return**⟩⟨ and choose the reason that fits best| and pick the closest reason|, then tell us briefly what went wrong⟩.",
            "⟨Print the prepaid label|Print the label we email you|Download the return label⟩, ⟨or show the QR code at|or use the code on your phone at|or skip printing at|or go label-free at⟩ ⟨a drop-off point in $C|any drop-off point in $C|a parcel shop near you|the nearest locker⟩.",
            "⟨Pack|Box up|Wrap⟩ the $P ⟨with its accessories|with everything it came with|and its cables⟩⟨ and drop it off within 14 days| and hand it in within two weeks|, then send it back within 14 days| and post it within a fortnight⟩.",
        ],
        policy: "Policy RT-7: items may be returned within 30 days of delivery; faulty items are collected free of charge.",
        header: &["Situation", "What happens"],
        table: &[
            &[
                "Unopened, within 30 days",
                "Full refund to the original payment method",
            ],
            &["Opened, all parts included", "Full refund after inspection"],
            &[
                "Faulty on arrival",
                "Free collection and refund or replacement",
            ],
        ],
        wrong: "⟨I think|I believe|Pretty sure⟩ you can return things ⟨at any time|whenever you like|even after a year⟩ as long as you ⟨still have the box|kept the packaging|have the receipt⟩.",
    },
    SupportTopic {
        tag: "refunds",
        subject: "refund timing",
        questions: &[
            "I returned my $P two weeks ago and still haven't got my refund. Where is it?",
            "How long does a refund take to show up on my card?",
            "Why was I only refunded part of my order $#?",
        ],
        facts: &[
            "Refunds are issued ⟨as soon as the warehouse scans your parcel|once the warehouse checks your parcel in|when your parcel is scanned at our warehouse⟩, ⟨usually 3-5 business days after drop-off|typically 3-5 working days after you drop it off|normally within a week of drop-off⟩.",
            "⟨Your bank may take another 5-10 business days|After that, banks need 5-10 business days|Some banks add up to two weeks⟩ ⟨to show the money on your statement|before the credit shows|to release the money⟩.",
            "⟨Partial refunds happen|You get a partial refund|A refund is partial|Refunds come out lower⟩ when ⟨only some items were returned|only part of the order came back|some items stayed with you|you kept part of the order⟩⟨ or when shipping was not refundable| or the delivery fee could not be refunded|, minus a non-refundable shipping fee⟩.",
        ],
        steps_heading: "⟨What you can check|Things to check|Checking on your refund⟩",
        steps: &[
            "⟨Open the return under **Orders → Returns**|Under **Orders → Returns**, open your return|Look up your return in the **Returns** list|Go to **Returns** and pick this one⟩⟨ and check its status| to see where it stands|: its status tells you where it is| and look at the status⟩.",
            "⟨If it says *Refunded*,|Does it show *Refunded*? Then|Status *Refunded* means you should|Once it reads *Refunded*,⟩ ⟨look for a pending credit|check for a credit|expect a pending refund⟩ ⟨from $K|by $K|labelled $K⟩ ⟨on your card statement|in your banking app|on your card⟩.",
            "⟨If it still says *In transit* after 10 days,|Still *In transit* ten days later?|If it has been *In transit* for over a week,|No movement from *In transit* in 10 days?⟩ ⟨reply with your tracking number|send us the tracking number|message us the tracking code|share the parcel's tracking ID⟩.",
        ],
        policy: "Policy RF-2: refunds within 5 business days of receiving the return.",
        header: &["Paid with", "Refund shows up in"],
        table: &[
            &["Card", "5-10 business days"],
            &["PayPal", "1-3 business days"],
            &["Store credit", "Immediately"],
        ],
        wrong: "Refunds ⟨normally|usually|always⟩ take about ⟨60|90|45⟩ days, so ⟨there's nothing to do yet|just keep waiting|you'll have to be patient⟩.",
    },
    SupportTopic {
        tag: "shipping",
        subject: "delivery times",
        questions: &[
            "My order $# says delivered but I never got it. What now?",
            "The tracking for my $P says delivered, but there's nothing at my door.",
            "How long does shipping to $C take?",
            "Where is my $P? Tracking hasn't updated in four days.",
        ],
        facts: &[
            "⟨Standard shipping usually takes 3-5 business days, express 1-2|Standard delivery is 3-5 business days; express is 1-2|Expect 3-5 business days with standard shipping, or 1-2 with express⟩.",
            "Tracking ⟨can pause for a few days|sometimes stops updating for a while|may go quiet for two or three days⟩ ⟨when a parcel changes carrier|while a parcel is handed to another carrier|at a carrier handover⟩, especially across borders.",
            "⟨Addresses can be changed until the order is packed|You can change the address up to packing|The address can still be edited before we pack⟩, which ⟨is usually within two hours|happens within about two hours|usually takes a couple of hours⟩.",
            "If a parcel ⟨shows as delivered|is marked delivered⟩ but ⟨has not arrived|isn't there|never reached you⟩, ⟨we open a carrier investigation that takes up to 48 hours|we ask the carrier to look into it, which takes up to two days|the carrier gets 48 hours to trace it|we file a trace and hear back within two days⟩.",
        ],
        steps_heading: "⟨What to do|Next steps|Finding your parcel⟩",
        steps: &[
            "⟨Check with neighbours|Ask your neighbours|Knock next door⟩ and ⟨any safe place you listed at checkout|the safe place you chose at checkout|around your door or mailbox⟩.",
            "⟨Wait 24 hours|Give it a day|Allow until tomorrow⟩: carriers ⟨sometimes mark parcels as delivered early|occasionally scan parcels as delivered too soon|now and then mark a parcel delivered before it is⟩.",
            "⟨Reply with your order number|Send us order #$#|Message us the order number⟩ ⟨and we will open an investigation with the carrier|so we can start a claim with the carrier|and we'll chase the carrier for you|and we'll get the courier to trace it⟩.",
        ],
        policy: "Policy SH-3: lost parcels are replaced or refunded once the carrier investigation closes.",
        header: &["Option", "Delivery time", "Cost"],
        table: &[
            &["Standard", "3-5 business days", "Free over €50"],
            &["Express", "1-2 business days", "€9.90"],
            &["Pickup point", "2-4 business days", "Free"],
        ],
        wrong: "Once tracking says delivered ⟨we can't do anything|it's out of our hands|there's nothing we can do⟩, sorry.",
    },
    SupportTopic {
        tag: "account",
        subject: "account access",
        questions: &[
            "I can't log in, the password reset email never arrives.",
            "I forgot my password and the reset link says it has expired.",
            "How do I reset my password in the $K app?",
        ],
        facts: &[
            "Password reset emails ⟨can take a few minutes|sometimes take a while|may need five minutes or so⟩ and ⟨often land in the spam or promotions folder|can end up in spam|sometimes get filtered as promotions⟩.",
            "Two-factor authentication ⟨adds a one-time code from an authenticator app|asks for a code from your authenticator app|needs a six-digit code from an app⟩ ⟨at each login|every time you sign in|when you log in⟩.",
            "⟨If you lost access to your 2FA device|Without your 2FA phone|If the authenticator is gone⟩, ⟨you can sign in with|use|log in with⟩ ⟨one of the backup codes you saved|a saved backup code|the backup codes from setup⟩.",
            "We ⟨never ask for|will never request⟩ your password ⟨by email or chat|over email, chat or phone⟩.",
        ],
        steps_heading: "⟨Steps|Getting back in|Recovering your account⟩",
        steps: &[
            "⟨Go to the sign-in page and choose|On the sign-in page, click|Open the login screen and tap⟩ **Forgot password**.",
            "⟨Enter the email you signed up with|Type in your account email|Use the address you registered with⟩⟨ and check spam after five minutes|, then look in spam if nothing arrives|; the message can take a few minutes⟩.",
            "⟨Follow the link within 30 minutes|The link works for 30 minutes|Click the link soon, it expires in half an hour⟩, ⟨then set a new password|and choose a new password|and pick a fresh password⟩.",
            "⟨Open **Settings → Security**|Then go to **Settings → Security**|Finally, under **Settings → Security**,⟩ ⟨and turn on two-factor authentication|to enable two-factor authentication|switch on 2FA|and add a second sign-in step⟩.",
        ],
        policy: "Policy AC-1: account recovery requires verifying the email address and the last four digits of a saved card.",
        header: &["Problem", "How we fix it"],
        table: &[
            &["Forgot password", "Reset link by email"],
            &["Lost 2FA device", "Backup code or identity check"],
            &["Account taken over", "Lock account and contact security"],
        ],
        wrong: "⟨Just send us|Reply with|DM us⟩ your password and ⟨we'll fix it for you|we'll log in and sort it out|we can reset it ourselves⟩.",
    },
    SupportTopic {
        tag: "billing",
        subject: "billing",
        questions: &[
            "I was charged twice for order $#.",
            "Why is there a charge from $K on my card that I don't recognise?",
            "There's a pending charge from $K and a second one for the same order. Which one is real?",
        ],
        facts: &[
            "A second charge is ⟨often|usually⟩ a pre-authorisation that ⟨disappears|drops off|is released⟩ within 3 business days.",
            "Charges ⟨appear|show up⟩ as $K on card statements, ⟨sometimes with an order number|often followed by the order number⟩.",
            "⟨A charge you don't recognise|An unfamiliar charge|A charge under a strange name⟩ is ⟨often|usually|most likely⟩ ⟨a subscription renewal|an order by someone who shares your account|a marketplace seller billing through $K⟩.",
        ],
        steps_heading: "⟨How to sort it out|Sorting out the charge|What to do about it⟩",
        steps: &[
            "⟨Compare the two amounts and dates|Look at both charges, their amounts and dates,|Put the two charges side by side⟩ ⟨on your statement|in your banking app|for order #$#⟩.",
            "⟨Check whether one of them is marked *pending*|Is either charge still *pending*?|Look for a *pending* label on either⟩⟨: that one usually drops off| If so, it usually drops off by itself| Pending charges usually vanish on their own⟩.",
            "⟨If both are settled|If neither is pending|When both have gone through⟩, ⟨reply with a screenshot|send us a screenshot|forward us the statement lines⟩ and ⟨we will refund the duplicate|we'll refund the second one|we return the extra charge⟩.",
        ],
        policy: "Policy BL-4: duplicate charges are refunded within 2 business days of confirmation.",
        header: &["Situation", "What happens"],
        table: &[
            &["Pending authorisation", "Drops off automatically"],
            &["Settled duplicate", "Refunded by us"],
            &["Unknown merchant", "Check order history, then contact us"],
        ],
        wrong: "Double charges are ⟨normal|expected|just how it works⟩ and ⟨we can't refund them|there's no refund for them⟩.",
    },
    SupportTopic {
        tag: "subscription",
        subject: "cancelling a subscription",
        questions: &[
            "How do I cancel my subscription before the next renewal?",
            "I cancelled but I was charged again this month. Why?",
            "Can I pause my plan instead of cancelling it?",
        ],
        facts: &[
            "You can cancel ⟨any time|whenever you like⟩; ⟨you keep access until the end of the current billing period|access continues until the period you paid for ends|everything keeps working to the end of the paid period⟩.",
            "⟨Renewals are charged up to 24 hours before the period ends|We charge the renewal a day before the period ends|The renewal is taken up to a day early⟩, so ⟨a late cancellation can miss one cycle|cancelling on the last day can be too late for that cycle|a last-minute cancellation may not stop it⟩.",
            "⟨Plans can be paused for up to three months|You can pause your plan for as long as three months|A pause of up to 3 months is possible⟩.",
        ],
        steps_heading: "⟨Cancelling|How to cancel|Cancelling or pausing⟩",
        steps: &[
            "⟨Open **Settings → Subscription**|Go to **Subscription** in your settings|Find **Settings → Subscription**⟩⟨ in the app| on the website|⟩.",
            "⟨Choose|Tap|Click⟩ **Cancel plan** ⟨(or **Pause** if you only need a break)|or **Pause** for a break|(**Pause** is there too)⟩.",
            "⟨Confirm, and look for|Confirm; you will get|After confirming, keep⟩ ⟨the confirmation email from $K|an email from $K as proof|$K's confirmation email⟩.",
        ],
        policy: "Policy SB-2: renewals charged within 48 hours of a cancellation request are refunded on request.",
        header: &["Plan", "Cancellation", "Access"],
        table: &[
            &["Monthly", "Cancel any time", "Access until period end"],
            &[
                "Annual",
                "Cancel any time",
                "Pro-rated refund in first 14 days",
            ],
        ],
        wrong: "Subscriptions can only be cancelled ⟨by phone during office hours|by calling us on weekdays|by sending a letter⟩.",
    },
    SupportTopic {
        tag: "warranty",
        subject: "warranty repairs",
        questions: &[
            "My $P broke after 14 months. Is it still under warranty?",
            "Does the warranty cover accidental damage?",
            "Where can I get my $P repaired in $C?",
        ],
        facts: &[
            "⟨Every product comes with|Each product has|All our products carry⟩ ⟨a two-year manufacturer warranty against defects|two years of cover for manufacturing faults|a 2-year warranty on defects⟩.",
            "⟨Accidental damage, such as drops or spills, is not covered|Drops and spills are not covered|The warranty excludes accidental damage⟩ ⟨unless you bought the extended plan|without the extended plan|unless you added extended cover⟩.",
            "Repairs ⟨are done by|go through⟩ authorised service centres and ⟨usually take|typically need⟩ 7-10 days.",
        ],
        steps_heading: "⟨Making a warranty claim|Claiming under warranty|Getting the $P repaired⟩",
        steps: &[
            "⟨Find your proof of purchase|Dig out the receipt|Have your order confirmation ready⟩ ⟨(the order confirmation email works)|(the confirmation email is enough)|(order #$#)⟩.",
            "⟨Describe the fault|Tell us what goes wrong|Explain what the $P does⟩ ⟨and, if you can, attach a short video|with a photo or a short clip if possible|(a short video helps a lot)⟩.",
            "⟨We will send a prepaid label|You'll get a free shipping label from us|A return label comes by email⟩, or ⟨book a repair|arrange a repair slot|set up an appointment⟩ ⟨at a service centre in $C|at the nearest service centre in $C|in $C if you prefer⟩.",
        ],
        policy: "Policy WR-1: two-year warranty on manufacturing defects; accidental damage excluded.",
        header: &["Situation", "What happens"],
        table: &[
            &["Manufacturing defect", "Covered for 2 years"],
            &["Accidental damage", "Not covered without extended plan"],
            &["Battery wear", "Covered if below 70% capacity in year 1"],
        ],
        wrong: "The warranty only lasts ⟨90 days|three months|six months⟩, so ⟨you'd need to buy a new one|you're out of luck|it's time for a new one⟩.",
    },
    SupportTopic {
        tag: "privacy",
        subject: "personal data",
        questions: &[
            "Please delete my account and all my data.",
            "How can I download a copy of the data you hold about me?",
            "What personal data do you keep about me, and can I get a copy?",
        ],
        facts: &[
            "⟨You can request a full export of your data|A copy of your data is yours to request|We can export everything we hold about you⟩; ⟨it is usually ready within 48 hours|expect it within two days|the download link arrives within 48 hours⟩.",
            "⟨Deleting your account removes|Account deletion erases|Once deleted, we no longer hold⟩ ⟨your profile, addresses and saved payment methods|your profile, saved cards and addresses|everything in your profile, including saved cards⟩.",
            "Order records ⟨are kept|stay on file⟩ for seven years ⟨because tax law requires it|as tax law requires⟩.",
        ],
        steps_heading: "⟨Deleting or exporting your data|Your data, your choice|Getting or erasing your data⟩",
        steps: &[
            "⟨Go to **Settings → Privacy**|Open the **Privacy** page in settings|Head to **Settings → Privacy**⟩⟨ on the website| in the app|⟩.",
            "⟨Choose **Download my data** or **Delete my account**|Pick **Download my data** for a copy, **Delete my account** to close it|Select **Delete my account**; **Download my data** first if you want to keep anything⟩.",
            "⟨Confirm through the link we email to you|We email you a link: click it to confirm|Open our email and confirm with its link⟩.",
        ],
        policy: "Policy PR-5: data requests are completed within 30 days as required by GDPR Art. 12.",
        header: &["Data", "What happens"],
        table: &[
            &["Profile and addresses", "Deleted"],
            &["Order history", "Kept 7 years (tax law)"],
            &["Marketing preferences", "Deleted"],
        ],
        wrong: "We ⟨can't|are not able to⟩ delete accounts ⟨once they have placed an order|that have ever bought something|after the first purchase⟩.",
    },
    SupportTopic {
        tag: "returns",
        subject: "exchanging an item",
        questions: &[
            "I ordered the $P in the wrong size. Can I exchange it instead of returning it?",
            "Can I swap my $P for a different colour?",
            "How does an exchange work for order $#? I'd rather not wait for a refund.",
        ],
        facts: &[
            "⟨Exchanges are free|An exchange costs nothing|We don't charge for exchanges⟩ ⟨within 30 days of receiving the $P|for a month after it arrives|during the 30-day window⟩, ⟨as long as the item is unused|provided the item hasn't been used|if the item is still like new⟩.",
            "⟨The replacement ships as soon as|We send the new size or colour once|Your new $P goes out when⟩ ⟨the carrier scans your parcel|your parcel gets its first carrier scan|the courier collects the original⟩, ⟨so you don't wait for the warehouse|without waiting for the warehouse check|which saves several days⟩.",
            "⟨If the size or colour you want is sold out|When the variant you want is out of stock|Should your preferred option be unavailable⟩, ⟨we refund you instead|you get a refund instead|the exchange turns into a refund⟩.",
        ],
        steps_heading: "⟨How to exchange the $P|Swapping the $P|Starting an exchange⟩",
        steps: &[
            "⟨Find order `#$#` under **Orders**|Pull up order `#$#` in **Orders**|In **Orders**, open order `#$#`⟩⟨ and choose **Exchange**|, then tap **Exchange**| and hit **Exchange** next to the $P|, then click **Exchange**⟩.",
            "⟨Pick the new size or colour|Select the variant you want instead|Choose what you'd like in its place|Tell us which size or colour you need⟩⟨ and confirm|, then confirm the swap| and press **Confirm**| and save⟩.",
            "⟨Send the original back|Post the first $P back|Return the original $P|Hand in the original⟩ ⟨with the label from your confirmation email|using the free label we email over|with the prepaid label attached|using the QR code in the email⟩ ⟨within 14 days|within two weeks|in the next 14 days|before the fortnight is up⟩.",
        ],
        policy: "Policy RT-9: a different size or colour is sent free of charge for 30 days after delivery.",
        header: &["Case", "Exchange"],
        table: &[
            &[
                "Other size or colour in stock",
                "Replacement ships on the first carrier scan",
            ],
            &["Variant sold out", "Refund instead"],
            &["Used item", "Not eligible"],
        ],
        wrong: "⟨Exchanges aren't possible|We don't do exchanges|Swaps aren't something we offer⟩; ⟨you'll have to buy a new one and return the old one|just order again and send the old one back whenever|you need to place a fresh order⟩.",
    },
    SupportTopic {
        tag: "shipping",
        subject: "changing the delivery address",
        questions: &[
            "Can I change the delivery address after placing order $#?",
            "I put the wrong address on my order. Can you fix it?",
            "I'm moving to $C next week. Can my $P be delivered there instead?",
        ],
        facts: &[
            "⟨The address can be edited|You can still edit the address|Changing the address is possible⟩ ⟨until we pack the order|right up to packing|as long as it hasn't been packed⟩, ⟨usually about two hours after ordering|which is normally within two hours|typically a couple of hours after checkout⟩.",
            "⟨Once the parcel has left us|After dispatch|When it's already with the carrier⟩, ⟨the carrier can redirect it|a carrier redirect is still possible|the courier may still reroute it⟩ ⟨for a small fee|for a few euros|at a small charge⟩.",
            "⟨We can only ship to|Deliveries go only to|Orders can be sent to⟩ ⟨addresses in the countries we sell to|addresses inside our delivery area|the countries listed at checkout⟩.",
        ],
        steps_heading: "⟨Changing the address|Updating where it goes|Redirecting the parcel⟩",
        steps: &[
            "⟨Open order `#$#`|Go to order `#$#`|Find order `#$#`|Pull up order `#$#`⟩ ⟨in **Orders**|under **Orders**|in your account|in the app⟩ ⟨and look at its status|to check whether it's packed yet|and see if it says *Packed*⟩.",
            "⟨If it isn't packed yet,|While it still says *Processing*,|Not packed yet? Then|If it's still *Processing*,⟩ ⟨click **Edit address**|use **Edit address**|choose **Edit address**|tap **Edit address**⟩ ⟨and enter the new one|and type the correct address|and save the address in $C|and fix the details⟩.",
            "⟨Already shipped?|If it has shipped,|Once it's on its way,|If it's already dispatched,⟩ ⟨use the carrier's tracking page|open the tracking link|go to the carrier's site|follow the tracking link in your email⟩ ⟨to request a redirect|and ask for a redirect|and choose **Redirect**|to send it elsewhere⟩.",
        ],
        policy: "Policy SH-6: delivery addresses may be changed free of charge before packing.",
        header: &["Order status", "Can the address change?"],
        table: &[
            &["Processing", "Yes, under **Edit address**"],
            &["Packed", "Only by contacting us"],
            &["Shipped", "Carrier redirect, small fee"],
        ],
        wrong: "⟨Addresses can never be changed|We can't change addresses|The address is locked⟩ ⟨once you pay|after checkout|after you order⟩, ⟨so cancel and reorder|you'll need a new order|so just order again⟩.",
    },
    SupportTopic {
        tag: "account",
        subject: "account security",
        questions: &[
            "How do I turn on two-factor authentication?",
            "I lost my phone and now I can't get my 2FA codes. Help!",
            "Someone changed the email on my account. What do I do?",
            "I got a login alert from $C but I've never been there. Is my account hacked?",
        ],
        facts: &[
            "⟨Two-factor authentication adds|2FA asks for|With two-factor sign-in you enter⟩ ⟨a one-time code from an authenticator app|a six-digit code from an app|a short code from your phone⟩ ⟨at each login|every time you sign in|whenever you log in⟩.",
            "⟨If you lost your 2FA device|Without your 2FA phone|If the authenticator is gone⟩, ⟨a saved backup code gets you in|you can sign in with a backup code|the backup codes from setup still work⟩.",
            "⟨A login alert from a place you've never been|An alert about an unknown sign-in|A sign-in you don't recognise⟩ ⟨means you should change your password now|is a reason to reset your password straight away|should be treated as a break-in⟩.",
            "⟨If the account email was changed|When someone swaps your email|After an email change you didn't make⟩, ⟨we lock the account|the account is frozen|we freeze everything⟩ ⟨until you confirm it's you|until we have verified you|while we check who you are⟩.",
        ],
        steps_heading: "⟨Securing your account|Locking things down|Protecting your account⟩",
        steps: &[
            "⟨Sign out everywhere|Log out of every device|End all sessions⟩ ⟨from **Settings → Security → Sessions**|under **Security → Sessions**|in the **Sessions** list of your settings|via **Settings → Security**⟩.",
            "⟨Set a new password|Change your password|Pick a new, unique password|Replace your password⟩ ⟨that you use nowhere else|you haven't used before|of 12 characters or more|that isn't shared with other sites⟩.",
            "⟨Switch on|Turn on|Enable|Set up⟩ ⟨two-factor authentication with an authenticator app|2FA with an app|two-step sign-in|2FA⟩⟨ and store the backup codes somewhere safe| and print the backup codes|, then save the backup codes offline| and keep the backup codes off your phone⟩.",
            "⟨Locked out by 2FA?|No access to your codes?|Lost the phone with your codes?|Can't get a code?⟩ ⟨Reply with the last four digits of a saved card|Send us the final 4 digits of the card on file|Tell us how your saved card number ends⟩ ⟨and we'll verify you|so we can confirm it's you|for an identity check⟩.",
        ],
        policy: "Policy AC-3: suspicious sign-ins lock the account until the owner confirms a new password.",
        header: &["Sign of trouble", "What we do"],
        table: &[
            &["Unknown sign-in", "Alert and forced password change"],
            &["Email changed", "Account locked, owner verified"],
            &["Lost 2FA device", "Backup code or card check"],
        ],
        wrong: "⟨Login alerts are usually glitches|Those alerts are mostly false alarms|Don't worry about alerts like that⟩, ⟨just ignore it|you can ignore them|no action needed⟩.",
    },
    SupportTopic {
        tag: "billing",
        subject: "invoices",
        questions: &[
            "Can I get an invoice with my company's VAT number on it?",
            "Where do I download the invoice for order $#?",
            "My invoice shows the wrong company name. Can you correct it?",
        ],
        facts: &[
            "⟨Every order has a PDF invoice|Each order comes with an invoice|An invoice is created for every order⟩ ⟨under **Orders**|in your order history|on the order page⟩.",
            "⟨Company details and a VAT number|A VAT ID and company name|Business details on the invoice⟩ ⟨can be added for 30 days after purchase|may be edited within 30 days|are editable for a month after ordering⟩.",
            "⟨Corrected invoices|Reissued invoices|Updated invoices⟩ ⟨keep the original number with a suffix|carry the same number plus `-R1`|reuse the number with a revision mark⟩, ⟨as accountants expect|so your books stay consistent|which tax offices accept⟩.",
        ],
        steps_heading: "⟨Getting the invoice right|Your invoice|Fixing the invoice⟩",
        steps: &[
            "⟨Open order `#$#`|Go to order `#$#`|Find order `#$#`|Select order `#$#`⟩ ⟨in **Orders**|under **Orders**|in your account|in the $K app⟩.",
            "⟨Click **Invoice details**|Choose **Edit invoice**|Tap **Billing details**|Select **Invoice details**⟩ ⟨and add the VAT number and company name|to enter your VAT ID and company|and fill in the business fields|and correct the company name⟩.",
            "⟨Save, then download the PDF|Save and grab the new PDF|Download the updated PDF after saving|Save; the PDF refreshes in a minute⟩ ⟨for your records|for your accountant|to file it|and forward it to finance⟩.",
        ],
        policy: "Policy BL-6: invoices may be corrected within 30 days of purchase; corrected invoices keep their number with a revision suffix.",
        header: &["Request", "Possible?"],
        table: &[
            &["Add a VAT number", "Yes, within 30 days"],
            &["Change the company name", "Yes, within 30 days"],
            &["Change the amounts", "No, needs a refund instead"],
        ],
        wrong: "⟨Invoices can't be changed|We can't edit invoices|An invoice is final⟩ ⟨once issued|after the order|at all⟩, ⟨sorry|so you'll have to live with it|that's the rule⟩.",
    },
    SupportTopic {
        tag: "warranty",
        subject: "repair status",
        questions: &[
            "I sent my $P in for repair $n weeks ago. Any news?",
            "How long does a warranty repair take?",
            "The repair centre in $C says my $P is fixed but it has the same fault. What now?",
        ],
        facts: &[
            "⟨Repairs usually take|A repair normally needs|Most repairs are done in⟩ 7-10 ⟨working days|business days|days⟩ ⟨from the day the centre receives the $P|once the $P reaches the centre|after the centre checks it in⟩.",
            "⟨Ordering a part|A back-ordered part|Waiting for a spare part⟩ ⟨can add a week|adds about a week|may add another week⟩.",
            "⟨A fault that comes back|A repeat fault within 90 days|A fault that returns after a repair⟩ ⟨is repaired again free of charge|gets a second repair at no cost|qualifies for a replacement after the second attempt⟩.",
        ],
        steps_heading: "⟨Checking on the repair|Where the repair stands|Following up on the repair⟩",
        steps: &[
            "⟨Open **Orders → Repairs**|Look under **Repairs** in your account|Find the repair under **Orders → Repairs**|Go to **Repairs**⟩ ⟨to see the current status|and check the status line|for the latest status|and read the status⟩.",
            "⟨If it says *Waiting for parts*,|Status *Waiting for parts*? Then|Stuck on *Waiting for parts*? Then|If the status is *Waiting for parts*,⟩ ⟨expect about one more week|allow roughly another week|give it another week or so|it usually needs one more week⟩.",
            "⟨Same fault again?|Is the fault back?|Fault returned after the repair?|Still broken?⟩ ⟨Reply with the repair number and a short video|Send a clip of the fault with your repair ID|Message us the repair ID with a video|Share the repair number plus a quick video⟩ ⟨and we'll arrange a replacement|and we'll book a second repair or a swap|so we can escalate it|and we'll escalate with the centre in $C⟩.",
        ],
        policy: "Policy WR-3: a fault that returns within 90 days of a repair is repaired again or the product replaced.",
        header: &["Repair status", "What it means"],
        table: &[
            &["Received", "The centre has your $P"],
            &["Waiting for parts", "About one more week"],
            &["Repaired", "On its way back to you"],
        ],
        wrong: "Repairs ⟨take about six months|can take half a year|usually take 3-4 months⟩⟨, nothing we can do|; just wait|, which is normal⟩.",
    },
];

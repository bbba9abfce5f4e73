//! The phrasebook: the same two topics written natively in eleven languages, plus translations
//! of a few English sentences.
//!
//! Accented Latin letters here are precomposed, so ordinary output never carries the combining
//! diacritics (U+0300 to U+036F) that only the hostile generator stacks up.

/// A topic written natively in one language: a prompt and a short structured answer.
pub(super) struct LangTopic {
    pub(super) prompts: [&'static str; 2],
    pub(super) intro: &'static str,
    pub(super) heading: &'static str,
    pub(super) steps: [&'static str; 3],
    pub(super) closing: &'static str,
    /// A first program with a comment in the language, for the learning topic.
    pub(super) code: Option<&'static str>,
}

/// One human language with native topics and translations of [`SOURCES`].
pub(super) struct Language {
    /// The English name of the language.
    pub(super) name: &'static str,
    pub(super) topics: [LangTopic; 2],
    pub(super) translations: [&'static str; 3],
}

/// English sentences users ask to have translated.
pub(super) const SOURCES: [&str; 3] = [
    "Your order has shipped and should arrive within 3-5 business days.",
    "Could you tell me where the nearest train station is?",
    "Thank you for your patience. We will reply within 24 hours.",
];

macro_rules! topic {
    ($p0:expr, $p1:expr, $intro:expr, $heading:expr, [$s0:expr, $s1:expr, $s2:expr], $closing:expr, $code:expr) => {
        LangTopic {
            prompts: [$p0, $p1],
            intro: $intro,
            heading: $heading,
            steps: [$s0, $s1, $s2],
            closing: $closing,
            code: $code,
        }
    };
}

pub(super) const LANGUAGES: &[Language] = &[
    Language {
        name: "Spanish",
        topics: [
            topic!(
                "¿Cómo puedo devolver un producto que compré por internet?",
                "Mi pedido llegó dañado. ¿Qué debo hacer?",
                "¡Claro! Devolver un producto suele ser sencillo si sigues estos pasos.",
                "Pasos para la devolución",
                [
                    "Entra en tu cuenta y abre la sección **Mis pedidos**.",
                    "Selecciona el artículo y elige el motivo de la devolución.",
                    "Imprime la etiqueta y lleva el paquete a un punto de entrega en un plazo de 14 días."
                ],
                "El reembolso suele tardar entre 5 y 10 días hábiles. ¡Espero que te sirva!",
                None
            ),
            topic!(
                "¿Cómo empiezo a aprender Python desde cero?",
                "¿Cuál es la mejor manera de aprender a programar?",
                "Aprender a programar es más fácil si avanzas poco a poco y practicas cada día.",
                "Un plan sencillo",
                [
                    "Instala Python y un editor como VS Code.",
                    "Dedica 30 minutos al día a ejercicios pequeños.",
                    "Construye un proyecto propio, por ejemplo una lista de tareas."
                ],
                "Lo más importante es la constancia, no la velocidad.",
                Some("# Tu primer programa\nprint(\"¡Hola, mundo!\")")
            ),
        ],
        translations: [
            "Tu pedido ha sido enviado y debería llegar en un plazo de 3 a 5 días hábiles.",
            "¿Podría decirme dónde está la estación de tren más cercana?",
            "Gracias por su paciencia. Le responderemos en un plazo de 24 horas.",
        ],
    },
    Language {
        name: "German",
        topics: [
            topic!(
                "Wie kann ich ein online gekauftes Produkt zurückschicken?",
                "Meine Bestellung ist beschädigt angekommen. Was soll ich tun?",
                "Gerne! Eine Rücksendung ist in wenigen Schritten erledigt.",
                "So funktioniert die Rücksendung",
                [
                    "Melde dich in deinem Konto an und öffne **Meine Bestellungen**.",
                    "Wähle den Artikel aus und gib den Rücksendegrund an.",
                    "Drucke das Etikett aus und gib das Paket innerhalb von 14 Tagen ab."
                ],
                "Die Erstattung dauert in der Regel 5 bis 10 Werktage.",
                None
            ),
            topic!(
                "Wie fange ich am besten an, Python zu lernen?",
                "Was ist der beste Weg, Programmieren von Grund auf zu lernen?",
                "Programmieren lernt man am besten in kleinen Schritten und mit täglicher Übung.",
                "Ein einfacher Plan",
                [
                    "Installiere Python und einen Editor wie VS Code.",
                    "Übe jeden Tag 30 Minuten mit kleinen Aufgaben.",
                    "Baue ein eigenes Projekt, zum Beispiel eine Aufgabenliste."
                ],
                "Wichtiger als Tempo ist Beständigkeit.",
                Some("# Dein erstes Programm\nprint(\"Hallo, Welt!\")")
            ),
        ],
        translations: [
            "Deine Bestellung wurde versandt und sollte innerhalb von 3–5 Werktagen ankommen.",
            "Können Sie mir sagen, wo der nächste Bahnhof ist?",
            "Vielen Dank für Ihre Geduld. Wir antworten innerhalb von 24 Stunden.",
        ],
    },
    Language {
        name: "French",
        topics: [
            topic!(
                "Comment puis-je retourner un produit acheté en ligne ?",
                "Ma commande est arrivée endommagée. Que dois-je faire ?",
                "Bien sûr ! Un retour se fait en quelques étapes simples.",
                "Étapes du retour",
                [
                    "Connectez-vous à votre compte et ouvrez **Mes commandes**.",
                    "Sélectionnez l'article et indiquez le motif du retour.",
                    "Imprimez l'étiquette et déposez le colis dans un point relais sous 14 jours."
                ],
                "Le remboursement prend généralement entre 5 et 10 jours ouvrés.",
                None
            ),
            topic!(
                "Comment commencer à apprendre Python ?",
                "Quelle est la meilleure façon d'apprendre à programmer quand on part de zéro ?",
                "Pour apprendre à programmer, avancez par petites étapes et pratiquez tous les jours.",
                "Un plan simple",
                [
                    "Installez Python et un éditeur comme VS Code.",
                    "Consacrez 30 minutes par jour à de petits exercices.",
                    "Réalisez un projet personnel, par exemple une liste de tâches."
                ],
                "La régularité compte plus que la vitesse.",
                Some("# Votre premier programme\nprint(\"Bonjour, le monde !\")")
            ),
        ],
        translations: [
            "Votre commande a été expédiée et devrait arriver sous 3 à 5 jours ouvrés.",
            "Pourriez-vous me dire où se trouve la gare la plus proche ?",
            "Merci de votre patience. Nous vous répondrons sous 24 heures.",
        ],
    },
    Language {
        name: "Portuguese",
        topics: [
            topic!(
                "Como faço para devolver um produto que comprei pela internet?",
                "Meu pedido chegou danificado. O que devo fazer?",
                "Claro! A devolução é simples se você seguir estes passos.",
                "Passo a passo",
                [
                    "Acesse sua conta e abra **Meus pedidos**.",
                    "Selecione o item e escolha o motivo da devolução.",
                    "Imprima a etiqueta e entregue o pacote em uma agência dos Correios em até 14 dias."
                ],
                "O reembolso costuma levar de 5 a 10 dias úteis.",
                None
            ),
            topic!(
                "Como começo a aprender Python do zero?",
                "Qual é a melhor forma de aprender a programar?",
                "Aprender a programar fica mais fácil quando você pratica um pouco todos os dias.",
                "Um plano simples",
                [
                    "Instale o Python e um editor como o VS Code.",
                    "Reserve 30 minutos por dia para exercícios curtos.",
                    "Crie um projeto próprio, como uma lista de tarefas."
                ],
                "Constância é mais importante do que velocidade.",
                Some("# Seu primeiro programa\nprint(\"Olá, mundo!\")")
            ),
        ],
        translations: [
            "Seu pedido foi enviado e deve chegar em 3 a 5 dias úteis.",
            "Você poderia me dizer onde fica a estação de trem mais próxima?",
            "Obrigado pela paciência. Responderemos em até 24 horas.",
        ],
    },
    Language {
        name: "Japanese",
        topics: [
            topic!(
                "ネットで買った商品を返品するにはどうすればいいですか？",
                "届いた商品が壊れていました。どうすればいいですか？",
                "もちろんです！次の手順で簡単に返品できます。",
                "返品の手順",
                [
                    "アカウントにログインし、**注文履歴**を開きます。",
                    "商品を選び、返品理由を選択します。",
                    "返送ラベルを印刷し、14日以内に配送業者に渡してください。"
                ],
                "返金には通常5〜10営業日かかります。",
                None
            ),
            topic!(
                "Pythonをゼロから学ぶにはどうすればいいですか？",
                "プログラミングを独学する一番いい方法は何ですか？",
                "プログラミングは、毎日少しずつ練習するのが一番の近道です。",
                "シンプルな学習プラン",
                [
                    "PythonとVS Codeなどのエディタをインストールします。",
                    "毎日30分、小さな問題を解きます。",
                    "ToDoリストなど、自分のプロジェクトを作ってみましょう。"
                ],
                "大切なのはスピードより継続です。",
                Some("# はじめてのプログラム\nprint(\"こんにちは、世界！\")")
            ),
        ],
        translations: [
            "ご注文の商品は発送済みで、3〜5営業日以内に到着する予定です。",
            "最寄りの駅はどこか教えていただけますか？",
            "お待ちいただきありがとうございます。24時間以内にご返信いたします。",
        ],
    },
    Language {
        name: "Chinese",
        topics: [
            topic!(
                "我在网上买的东西怎么退货？",
                "我收到的商品是坏的，应该怎么办？",
                "当然可以！按照下面的步骤就能轻松退货。",
                "退货步骤",
                [
                    "登录账户，打开**我的订单**。",
                    "选择商品并填写退货原因。",
                    "打印退货标签，在14天内把包裹交给快递员。"
                ],
                "退款通常需要5到10个工作日。",
                None
            ),
            topic!(
                "零基础怎么开始学Python？",
                "自学编程最好的方法是什么？",
                "学编程最好的办法是每天坚持练习一点点。",
                "简单的学习计划",
                [
                    "安装Python和一个编辑器，比如VS Code。",
                    "每天花30分钟做一些小练习。",
                    "做一个自己的小项目，比如待办事项清单。"
                ],
                "坚持比速度更重要。",
                Some("# 你的第一个程序\nprint(\"你好，世界！\")")
            ),
        ],
        translations: [
            "您的订单已发货，预计3到5个工作日内送达。",
            "请问最近的火车站在哪里？",
            "感谢您的耐心等待，我们会在24小时内回复您。",
        ],
    },
    Language {
        name: "Korean",
        topics: [
            topic!(
                "온라인으로 산 제품을 어떻게 반품하나요?",
                "주문한 상품이 파손된 채로 왔어요. 어떻게 해야 하나요?",
                "물론이죠! 아래 단계를 따르면 쉽게 반품할 수 있어요.",
                "반품 방법",
                [
                    "계정에 로그인한 뒤 **주문 내역**을 엽니다.",
                    "상품을 선택하고 반품 사유를 고릅니다.",
                    "반품 라벨을 출력해 14일 이내에 택배 기사에게 전달하세요."
                ],
                "환불은 보통 영업일 기준 5~10일이 걸립니다.",
                None
            ),
            topic!(
                "파이썬을 처음부터 배우려면 어떻게 시작해야 하나요?",
                "코딩을 독학하는 가장 좋은 방법은 뭔가요?",
                "프로그래밍은 매일 조금씩 연습하는 것이 가장 좋은 방법입니다.",
                "간단한 학습 계획",
                [
                    "파이썬과 VS Code 같은 편집기를 설치하세요.",
                    "매일 30분씩 작은 문제를 풀어 보세요.",
                    "할 일 목록 같은 나만의 프로젝트를 만들어 보세요."
                ],
                "속도보다 꾸준함이 더 중요합니다.",
                Some("# 첫 번째 프로그램\nprint(\"안녕하세요, 세계!\")")
            ),
        ],
        translations: [
            "주문하신 상품이 발송되었으며 영업일 기준 3~5일 이내에 도착할 예정입니다.",
            "가장 가까운 기차역이 어디인지 알려주실 수 있나요?",
            "기다려 주셔서 감사합니다. 24시간 이내에 답변드리겠습니다.",
        ],
    },
    Language {
        name: "Arabic",
        topics: [
            topic!(
                "كيف يمكنني إرجاع منتج اشتريته عبر الإنترنت؟",
                "وصل طلبي تالفًا. ماذا أفعل؟",
                "بالتأكيد! يمكنك إرجاع المنتج بسهولة باتباع الخطوات التالية.",
                "خطوات الإرجاع",
                [
                    "سجّل الدخول إلى حسابك وافتح **طلباتي**.",
                    "اختر المنتج وحدد سبب الإرجاع.",
                    "اطبع ملصق الشحن وسلّم الطرد خلال 14 يومًا."
                ],
                "يستغرق استرداد المبلغ عادةً من 5 إلى 10 أيام عمل.",
                None
            ),
            topic!(
                "كيف أبدأ تعلم لغة بايثون من الصفر؟",
                "ما أفضل طريقة لتعلم البرمجة؟",
                "أفضل طريقة لتعلم البرمجة هي التدرب قليلًا كل يوم.",
                "خطة بسيطة",
                [
                    "ثبّت بايثون ومحررًا مثل VS Code.",
                    "خصص 30 دقيقة يوميًا لتمارين صغيرة.",
                    "أنشئ مشروعًا خاصًا بك، مثل قائمة مهام."
                ],
                "الاستمرارية أهم من السرعة.",
                Some("# برنامجك الأول\nprint(\"مرحبًا بالعالم!\")")
            ),
        ],
        translations: [
            "تم شحن طلبك ومن المتوقع أن يصل خلال 3 إلى 5 أيام عمل.",
            "هل يمكنك أن تخبرني أين أقرب محطة قطار؟",
            "شكرًا لصبرك. سنرد عليك خلال 24 ساعة.",
        ],
    },
    Language {
        name: "Hebrew",
        topics: [
            topic!(
                "איך אפשר להחזיר מוצר שקניתי באינטרנט?",
                "ההזמנה שלי הגיעה פגומה. מה לעשות?",
                "בטח! אפשר להחזיר את המוצר בקלות לפי השלבים הבאים.",
                "שלבי ההחזרה",
                [
                    "התחברו לחשבון ופתחו את **ההזמנות שלי**.",
                    "בחרו את הפריט וציינו את סיבת ההחזרה.",
                    "הדפיסו את תווית המשלוח ומסרו את החבילה תוך 14 יום."
                ],
                "ההחזר הכספי מתקבל בדרך כלל תוך 5 עד 10 ימי עסקים.",
                None
            ),
            topic!(
                "איך מתחילים ללמוד פייתון מאפס?",
                "מה הדרך הכי טובה ללמוד לתכנת?",
                "הדרך הטובה ביותר ללמוד תכנות היא לתרגל קצת בכל יום.",
                "תוכנית פשוטה",
                [
                    "התקינו את פייתון ועורך כמו VS Code.",
                    "הקדישו 30 דקות ביום לתרגילים קטנים.",
                    "בנו פרויקט משלכם, למשל רשימת משימות."
                ],
                "התמדה חשובה יותר ממהירות.",
                Some("# התוכנית הראשונה שלך\nprint(\"שלום עולם!\")")
            ),
        ],
        translations: [
            "ההזמנה שלך נשלחה ואמורה להגיע תוך 3–5 ימי עסקים.",
            "תוכל לומר לי איפה נמצאת תחנת הרכבת הקרובה?",
            "תודה על הסבלנות. נחזור אליך תוך 24 שעות.",
        ],
    },
    Language {
        name: "Hindi",
        topics: [
            topic!(
                "ऑनलाइन खरीदा गया सामान कैसे वापस करूँ?",
                "मेरा ऑर्डर टूटा हुआ आया है। अब मैं क्या करूँ?",
                "ज़रूर! इन आसान चरणों से आप सामान वापस कर सकते हैं।",
                "वापसी के चरण",
                [
                    "अपने खाते में लॉग इन करें और **मेरे ऑर्डर** खोलें।",
                    "सामान चुनें और वापसी का कारण बताएँ।",
                    "लेबल प्रिंट करें और 14 दिनों के भीतर पैकेट कूरियर को दें।"
                ],
                "रिफ़ंड आमतौर पर 5 से 10 कार्यदिवसों में मिल जाता है।",
                None
            ),
            topic!(
                "शुरुआत से Python कैसे सीखें?",
                "प्रोग्रामिंग सीखने का सबसे अच्छा तरीका क्या है?",
                "प्रोग्रामिंग सीखने का सबसे अच्छा तरीका है रोज़ थोड़ा-थोड़ा अभ्यास करना।",
                "एक आसान योजना",
                [
                    "Python और VS Code जैसा कोई एडिटर इंस्टॉल करें।",
                    "रोज़ 30 मिनट छोटे-छोटे अभ्यास करें।",
                    "अपना खुद का प्रोजेक्ट बनाएँ, जैसे टू-डू लिस्ट।"
                ],
                "रफ़्तार से ज़्यादा ज़रूरी है निरंतरता।",
                Some("# आपका पहला प्रोग्राम\nprint(\"नमस्ते, दुनिया!\")")
            ),
        ],
        translations: [
            "आपका ऑर्डर भेज दिया गया है और 3 से 5 कार्यदिवसों में पहुँच जाना चाहिए।",
            "क्या आप बता सकते हैं कि सबसे नज़दीकी रेलवे स्टेशन कहाँ है?",
            "धैर्य रखने के लिए धन्यवाद। हम 24 घंटों के भीतर जवाब देंगे।",
        ],
    },
    Language {
        name: "Russian",
        topics: [
            topic!(
                "Как вернуть товар, купленный в интернет-магазине?",
                "Мой заказ пришёл повреждённым. Что делать?",
                "Конечно! Вернуть товар несложно, если следовать этим шагам.",
                "Как оформить возврат",
                [
                    "Войдите в аккаунт и откройте раздел **Мои заказы**.",
                    "Выберите товар и укажите причину возврата.",
                    "Распечатайте этикетку и сдайте посылку в течение 14 дней."
                ],
                "Деньги обычно возвращаются в течение 5–10 рабочих дней.",
                None
            ),
            topic!(
                "Как начать учить Python с нуля?",
                "Как лучше всего научиться программировать?",
                "Лучший способ научиться программировать — понемногу практиковаться каждый день.",
                "Простой план",
                [
                    "Установите Python и редактор, например VS Code.",
                    "Уделяйте 30 минут в день небольшим задачам.",
                    "Сделайте собственный проект, например список дел."
                ],
                "Регулярность важнее скорости.",
                Some("# Ваша первая программа\nprint(\"Привет, мир!\")")
            ),
        ],
        translations: [
            "Ваш заказ отправлен и должен прийти в течение 3–5 рабочих дней.",
            "Не подскажете, где ближайший вокзал?",
            "Спасибо за терпение. Мы ответим в течение 24 часов.",
        ],
    },
];

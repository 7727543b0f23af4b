/**
 * Realistic given names and surnames for the native languages of SPEC §2, in the Latin
 * spelling a Finnish register would hold (the passport's transliteration). Surnames that
 * change with gender (Russian, some Ukrainian) are written `male/female`.
 */
export const DEMO_NATIVE_LANGUAGES = [
  'so',
  'ar',
  'ru',
  'uk',
  'fa',
  'prs',
  'et',
  'th',
  'zh',
  'ti',
  'ckb',
  'en',
  'fr',
  'es',
] as const;
export type DemoNativeLanguage = (typeof DEMO_NATIVE_LANGUAGES)[number];

export type Gender = 'male' | 'female';

export interface DemoNameSet {
  male: readonly string[];
  female: readonly string[];
  surnames: readonly { male: string; female: string }[];
}

/** Names are single words (hyphens allowed), so a space-separated list reads best here. */
function nameSet(male: string, female: string, surnames: string): DemoNameSet {
  const words = (text: string) => text.trim().split(/\s+/);
  return {
    male: words(male),
    female: words(female),
    surnames: words(surnames).map((surname) => {
      const [forMen, forWomen = forMen] = surname.split('/');
      return { male: forMen, female: forWomen };
    }),
  };
}

export const DEMO_NAMES: Readonly<Record<DemoNativeLanguage, DemoNameSet>> = {
  // Somali
  so: nameSet(
    'Abdirahman Abdullahi Ahmed Hassan Ismail Mohamed Omar Yusuf Abdiaziz Mukhtar Liban Guled',
    'Asha Ayaan Deeqa Fadumo Hamdi Hodan Khadra Muna Nimco Sahra Ifrah Hibo',
    'Abdi Aden Ali Dirie Farah Hassan Hirsi Hussein Ibrahim Jama Mohamud Nur Osman Warsame Yusuf Egal',
  ),
  // Arabic (Iraq, Syria)
  ar: nameSet(
    'Ahmad Ali Hassan Ibrahim Khaled Mohammed Mustafa Omar Samir Yousef Hussam Tariq',
    'Aisha Amal Fatima Huda Layla Maryam Noor Rania Salma Zainab Rasha Dalia',
    'Abbas Al-Hassan Al-Jabouri Al-Obaidi Al-Rawi Aziz Darwish Haddad Hamdan Jaber Khalil Mansour Nasser Qasim Saleh Yassin',
  ),
  // Russian
  ru: nameSet(
    'Aleksandr Andrei Dmitri Ivan Mikhail Nikolai Pavel Sergei Vladimir Juri Konstantin Maksim',
    'Anna Elena Irina Jekaterina Ksenia Maria Natalia Olga Svetlana Tatiana Julia Darja',
    `Ivanov/Ivanova Smirnov/Smirnova Kuznetsov/Kuznetsova Popov/Popova Sokolov/Sokolova
     Lebedev/Lebedeva Kozlov/Kozlova Novikov/Novikova Morozov/Morozova Volkov/Volkova
     Orlov/Orlova Belyaev/Belyaeva`,
  ),
  // Ukrainian
  uk: nameSet(
    'Andrii Bohdan Dmytro Mykola Oleksandr Serhii Taras Vitalii Volodymyr Yurii Oleh Maksym',
    'Anastasiia Iryna Kateryna Nataliia Oksana Olena Olha Tetiana Viktoriia Yuliia Halyna Liudmyla',
    `Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Boiko Kovalchuk Moroz Lysenko
     Marchenko Savchenko Rudenko Polishchuk Zhuravlov/Zhuravlova Sokolovskyi/Sokolovska`,
  ),
  // Persian (Iran)
  fa: nameSet(
    'Ali Amir Babak Dariush Farhad Hossein Mehdi Mohammad Reza Saeed Kaveh Arash',
    'Azadeh Fatemeh Leila Maryam Narges Nasrin Parisa Roya Shirin Zahra Mahsa Niloufar',
    'Ahmadi Ebrahimi Ghasemi Hashemi Hosseini Jafari Karimi Kazemi Mohammadi Moradi Najafi Rahimi Rezaei Sadeghi Tehrani Shirazi',
  ),
  // Dari (Afghanistan)
  prs: nameSet(
    'Ahmad Farid Hamid Jawad Mohammad Mustafa Najib Rahim Sayed Zabihullah Hamidullah Wahid',
    'Fereshta Madina Mariam Mursal Nilofar Parwana Shabnam Sima Zahra Zarifa Marzia Hadisa',
    'Ahmadzai Amiri Haidari Hakimi Hussaini Jafari Mohammadi Nazari Noori Popal Rahimi Rasuli Sadat Safi Wardak Azizi',
  ),
  // Estonian
  et: nameSet(
    'Andres Jaan Kristjan Margus Mart Priit Rein Siim Tõnu Urmas Rasmus Kaspar',
    'Anneli Kadri Kristiina Liis Maarja Piret Riina Tiina Triin Ülle Kätlin Merike',
    'Tamm Saar Sepp Mägi Kask Kukk Rebane Ilves Pärn Koppel Lepik Kallas Oja Kuusk Raudsepp Vaher',
  ),
  // Thai
  th: nameSet(
    'Anan Chaiwat Kittisak Nattapong Prasert Somchai Somsak Wichai Thanawat Surachai',
    'Arunee Jintana Kanya Malee Nittaya Pranee Ratana Siriporn Sukanya Supaporn Wanida Somjai',
    'Boonmee Chaiyaphum Charoenwong Inthawong Kaewkong Phromma Rattanakorn Saetang Sombat Srisuk Suwannarat Thongchai Wongsawat Sukhon',
  ),
  // Chinese (pinyin; the given name as one word, as in a passport)
  zh: nameSet(
    'Bo Hao Jian Jun Lei Ming Qiang Tao Wei Yong Zhiwei Haoran',
    'Fang Hui Jing Lijuan Ling Mei Min Xiaoling Xiu Yan Ying Yuxin',
    'Chen Guo He Hu Huang Li Lin Liu Ma Sun Wang Wu Xu Yang Zhang Zhao Zhou Zhu',
  ),
  // Tigrinya (Eritrea; the surname is the father's name)
  ti: nameSet(
    'Berhane Dawit Filmon Haile Kidane Mehari Merhawi Robel Semere Tekle Tesfalem Yonas',
    'Feven Helen Hiwet Luwam Mebrat Rahel Rigbe Saba Selam Senait Tsega Yordanos',
    'Abraha Asfaha Berhe Gebremariam Ghebreyesus Habte Haile Kidane Mehari Negash Tekle Tesfay Tewelde Woldu Yohannes Zerai',
  ),
  // Kurdish, Sorani
  ckb: nameSet(
    'Aram Azad Bahoz Dilshad Hemin Hiwa Karwan Kawa Rebwar Sherzad Shwan Soran',
    'Avin Bahar Chiman Dilan Gulala Nazdar Runak Shilan Sozan Tara Zhila Hana',
    'Aziz Baban Faraj Hama Hawrami Jalal Karim Mustafa Othman Qadir Rasul Salih Sharif Zangana Abdulla Mahmud',
  ),
  // English
  en: nameSet(
    'Andrew Christopher Daniel David James Matthew Michael Thomas Ryan Samuel',
    'Emily Emma Hannah Jessica Laura Olivia Rachel Sarah Charlotte Grace',
    "Brown Clarke Davies Evans Johnson Kelly Murphy O'Brien Roberts Smith Taylor Thompson Walker Wilson Wright",
  ),
  // French (France and francophone Africa)
  fr: nameSet(
    'Antoine Jean Jean-Baptiste Julien Kouadio Mamadou Nicolas Pierre Serge Thomas Didier Patrice',
    'Aminata Camille Chantal Claire Élodie Fatoumata Grâce Marie Nathalie Sophie Mireille Béatrice',
    'Bernard Diallo Dubois Ilunga Kabongo Koné Kouassi Lefebvre Martin Mbuyi Moreau Mukendi Ngoy Traoré Girard Mercier',
  ),
  // Spanish (Spain and Latin America); clients often carry both surnames, see demo-clients.ts
  es: nameSet(
    'Alejandro Andrés Carlos Diego Fernando Javier José Juan Luis Miguel Santiago Mateo',
    'Ana Carmen Daniela Gabriela Isabel Lucía María Paula Sofía Valentina Camila Elena',
    'Díaz Flores García Gómez González Hernández López Martínez Morales Pérez Ramírez Rivera Rodríguez Sánchez Torres Vargas',
  ),
};

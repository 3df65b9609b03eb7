// Snowball dutch stemmer (Snowball 3.1.1, snowballstem/snowball@81dd074aaf2e16c104285df3a488b76ab69f6ce6),
// translated from frostem 1.20260821.8 by tests/js/tools/snowball-rs2js.mjs.
// Copyright (c) 2001 Dr Martin Porter, 2004-2005 Richard Boulton, 2013 Yoshiki
// Shibukawa, 2006-2025 Olly Betts. BSD-3-Clause, see LICENSE-SNOWBALL.txt.
import{Z,a}from"./snowball.js";
const A_0=a("a e o u à á â ä è é ê eë ië ò ó ô ö ù ú û ü",[1,2,1,1,1,1,1,1,2,2,2,3,4,1,1,1,1,1,1,1,1]),
A_1=a("nde en s 's es ies aus és",[8,7,2,1,4,3,6,5]),
A_2=a("de ge ische je lijke le ene re se te ieve",[5,2,4,1,3,9,10,8,7,6,11]),
A_3=a("heid fie gie atie isme ing arij erij sel rder ster iteit dst tst",[3,7,8,1,5,5,6,5,3,4,3,2,10,9]),
A_4=a("end atief erig achtig ioneel baar laar naar raar eriger achtiger lijker tant erigst achtigst lijkst",[9,2,9,3,1,3,5,4,6,9,3,8,7,9,3,8]),
A_5=a("ig iger igst",1),
A_6=a("ft kt pt",[2,1,3]),
A_7=a("bb cc dd ff gg hh jj kk ll mm nn pp qq rr ss tt v vv ww xx z zz",[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,4,17,18,19,15,20]),
A_8=a("d t",[1,2]),
A_9=a(" eft vaa val vali vare",[-1,1,1,1,-1,1]),
A_10=a("ë ï",[1,2]),
A_11=a("ë ï",[1,2]),
G_E="eèéêë",
G_AIOU="aiouàáâäìíîïòóôöùúûü",
G_AEIOU="aeiouàáâäèéêëìíîïòóôöùúûü",
G_v="aeiouyàáâäèéêëìíîïòóôöùúûü",
G_v_WX="aeiouwxyàáâäèéêëìíîïòóôöùúûü";
let z,p2,p1,ch;
function r_V(){
let v1=z.l-z.c;
L0:{
L1:{
if(!z.igb(G_v))break L1;
break L0;
}
if(!z.eqb("ij"))return !1;
}
z.c=z.l-v1;
return !0;
}
function r_C(){
let v1=z.l-z.c;
L0:{
if(!z.eqb("ij"))break L0;
return !1;
}
if(!z.ogb(G_v))return !1;
z.c=z.l-v1;
return !0;
}
function r_lengthen_V(){
let a;
let v1=z.l-z.c;
L0:{
if(!z.ogb(G_v_WX))break L0;
z.ket=z.c;
a=z.fab(A_0);
if(!a)break L0;
z.bra=z.c;
switch(a){
case 1:{
let v2=z.l-z.c;
L1:{
L2:{
if(!z.ogb(G_AEIOU))break L2;
break L1;
}
if(z.c>z.lb)break L0;
}
z.c=z.l-v2;
ch=z.st();
let c1=z.c;
z.ins(z.c,z.c,ch);
z.c=c1;
}break;
case 2:{
let v3=z.l-z.c;
L3:{
L4:{
if(!z.ogb(G_AEIOU))break L4;
break L3;
}
if(z.c>z.lb)break L0;
}
let v4=z.l-z.c;
L5:{
L6:{
L7:{
if(!z.igb(G_AIOU))break L7;
break L6;
}
if(!z.igb(G_E))break L5;
if(z.c>z.lb)break L5;
}
break L0;
}
z.c=z.l-v4;
let v5=z.l-z.c;
L8:{
if(z.c<=z.lb)break L8;
z.pc();
if(!z.igb(G_AIOU))break L8;
if(!z.ogb(G_AEIOU))break L8;
break L0;
}
z.c=z.l-v5;
z.c=z.l-v3;
ch=z.st();
let c2=z.c;
z.ins(z.c,z.c,ch);
z.c=c2;
}break;
case 3:z.sf("eëe");break;
case 4:z.sf("iee");break;
}
}
z.c=z.l-v1;
return !0;
}
function r_Step_1c(){
let a;
z.ket=z.c;
a=z.fab(A_8);
if(!a)return !1;
z.bra=z.c;
if(p1>z.c)return !1;
if(!r_C())return !1;
switch(a){
case 1:{
let v1=z.l-z.c;
L0:{
if(!z.eqb("n"))break L0;
if(p1>z.c)break L0;
return !1;
}
z.c=z.l-v1;
L1:{
let v2=z.l-z.c;
L2:{
if(!z.eqb("in"))break L2;
if(z.c>z.lb)break L2;
z.sf("n");
break L1;
}
z.c=z.l-v2;
z.sd();
}
}break;
case 2:{
let v3=z.l-z.c;
L3:{
if(!z.eqb("h"))break L3;
if(p1>z.c)break L3;
return !1;
}
z.c=z.l-v3;
let v4=z.l-z.c;
L4:{
if(!z.eqb("en"))break L4;
if(z.c>z.lb)break L4;
return !1;
}
z.c=z.l-v4;
z.sd();
}break;
}
return !0;
}
function r_measure(){
p1=z.l;
p2=z.l;
let v1=z.c;
L0:{
R1:for(;;){
L2:{
if(!z.og(G_v))break L2;
continue R1;
}
break R1;
}
let v2=1;
R3:for(;;){
let v3=z.c;
L4:{
L5:{
L6:{
if(!z.eq("ij"))break L6;
break L5;
}
if(!z.ig(G_v))break L4;
}
v2-=1;
continue R3;
}
z.c=v3;
break R3;
}
if(v2>0)break L0;
if(!z.og(G_v))break L0;
p1=z.c;
R7:for(;;){
L8:{
if(!z.og(G_v))break L8;
continue R7;
}
break R7;
}
let v4=1;
R9:for(;;){
let v5=z.c;
L10:{
L11:{
L12:{
if(!z.eq("ij"))break L12;
break L11;
}
if(!z.ig(G_v))break L10;
}
v4-=1;
continue R9;
}
z.c=v5;
break R9;
}
if(v4>0)break L0;
if(!z.og(G_v))break L0;
p2=z.c;
}
z.c=v1;
return !0;
}
export function stem(w){
z=new Z(w);
p2=0;
p1=0;
ch="";
let a;
let GE_removed;
let stemmed;
stemmed=false;
r_measure();
z.lb=z.c;
z.c=z.l;
let v1=z.l-z.c;
L0:{
z.ket=z.c;
a=z.fab(A_1);
if(!a)break L0;
z.bra=z.c;
switch(a){
case 1:z.sd();break;
case 2:{
if(p1>z.c)break L0;
let v2=z.l-z.c;
L1:{
if(!z.eqb("t"))break L1;
if(p1>z.c)break L1;
break L0;
}
z.c=z.l-v2;
if(!r_C())break L0;
z.sd();
}break;
case 3:
if(p1>z.c)break L0;
z.sf("ie");
break;
case 4:{
L2:{
let v3=z.l-z.c;
L3:{
let v4=z.l-z.c;
if(!z.eqb("ar"))break L3;
if(p1>z.c)break L3;
if(!r_C())break L3;
z.c=z.l-v4;
z.sd();
r_lengthen_V();
break L2;
}
z.c=z.l-v3;
L4:{
let v5=z.l-z.c;
if(!z.eqb("er"))break L4;
if(p1>z.c)break L4;
if(!r_C())break L4;
z.c=z.l-v5;
z.sd();
break L2;
}
z.c=z.l-v3;
if(p1>z.c)break L0;
if(!r_C())break L0;
z.sf("e");
}
}break;
case 5:
if(p1>z.c)break L0;
z.sf("é");
break;
case 6:
if(p1>z.c)break L0;
if(!r_V())break L0;
z.sf("au");
break;
case 7:{
L5:{
let v6=z.l-z.c;
L6:{
if(!z.eqb("hed"))break L6;
if(p1>z.c)break L6;
z.bra=z.c;
z.sf("heid");
break L5;
}
z.c=z.l-v6;
L7:{
if(!z.eqb("nd"))break L7;
z.sd();
break L5;
}
z.c=z.l-v6;
L8:{
if(!z.eqb("d"))break L8;
if(p1>z.c)break L8;
if(!r_C())break L8;
z.bra=z.c;
z.sd();
break L5;
}
z.c=z.l-v6;
L9:{
L10:{
L11:{
if(!z.eqb("i"))break L11;
break L10;
}
if(!z.eqb("j"))break L9;
}
if(!r_V())break L9;
z.sd();
break L5;
}
z.c=z.l-v6;
if(p1>z.c)break L0;
if(!r_C())break L0;
z.sd();
r_lengthen_V();
}
}break;
case 8:z.sf("nd");break;
}
stemmed=true;
}
z.c=z.l-v1;
let v7=z.l-z.c;
L12:{
z.ket=z.c;
a=z.fab(A_2);
if(!a)break L12;
z.bra=z.c;
switch(a){
case 1:{
L13:{
let v8=z.l-z.c;
L14:{
if(!z.eqb("'t"))break L14;
z.bra=z.c;
z.sd();
break L13;
}
z.c=z.l-v8;
L15:{
if(!z.eqb("et"))break L15;
z.bra=z.c;
if(p1>z.c)break L15;
if(!r_C())break L15;
z.sd();
break L13;
}
z.c=z.l-v8;
L16:{
if(!z.eqb("rnt"))break L16;
z.bra=z.c;
z.sf("rn");
break L13;
}
z.c=z.l-v8;
L17:{
if(!z.eqb("t"))break L17;
z.bra=z.c;
if(p1>z.c)break L17;
let v9=z.l-z.c;
if(z.c<=z.lb)break L17;
z.pc();
L18:{
L19:{
if(!z.igb(G_v))break L19;
break L18;
}
if(!z.eqb("ij"))break L17;
}
z.c=z.l-v9;
z.sd();
break L13;
}
z.c=z.l-v8;
L20:{
if(!z.eqb("ink"))break L20;
z.bra=z.c;
z.sf("ing");
break L13;
}
z.c=z.l-v8;
L21:{
if(!z.eqb("mp"))break L21;
z.bra=z.c;
z.sf("m");
break L13;
}
z.c=z.l-v8;
L22:{
if(!z.eqb("'"))break L22;
z.bra=z.c;
if(p1>z.c)break L22;
z.sd();
break L13;
}
z.c=z.l-v8;
z.bra=z.c;
if(p1>z.c)break L12;
if(!r_C())break L12;
z.sd();
}
}break;
case 2:
if(p1>z.c)break L12;
z.sf("g");
break;
case 3:
if(p1>z.c)break L12;
z.sf("lijk");
break;
case 4:
if(p1>z.c)break L12;
z.sf("isch");
break;
case 5:
if(p1>z.c)break L12;
if(!r_C())break L12;
z.sd();
break;
case 6:
if(p1>z.c)break L12;
z.sf("t");
break;
case 7:
if(p1>z.c)break L12;
z.sf("s");
break;
case 8:
if(p1>z.c)break L12;
z.sf("r");
break;
case 9:
if(p1>z.c)break L12;
z.sd();
z.ins(z.c,z.c,"l");
r_lengthen_V();
break;
case 10:
if(p1>z.c)break L12;
if(!r_C())break L12;
z.sd();
z.ins(z.c,z.c,"en");
r_lengthen_V();
break;
case 11:
if(p1>z.c)break L12;
if(!r_C())break L12;
z.sf("ief");
break;
}
stemmed=true;
}
z.c=z.l-v7;
let v10=z.l-z.c;
L23:{
z.ket=z.c;
a=z.fab(A_3);
if(!a)break L23;
z.bra=z.c;
switch(a){
case 1:
if(p1>z.c)break L23;
z.sf("eer");
break;
case 2:
if(p1>z.c)break L23;
z.sd();
r_lengthen_V();
break;
case 3:
if(p1>z.c)break L23;
z.sd();
break;
case 4:z.sf("r");break;
case 5:{
L24:{
let v11=z.l-z.c;
L25:{
if(!z.eqb("ild"))break L25;
z.sf("er");
break L24;
}
z.c=z.l-v11;
if(p1>z.c)break L23;
z.sd();
r_lengthen_V();
}
}break;
case 6:
if(p1>z.c)break L23;
if(!r_C())break L23;
z.sf("aar");
break;
case 7:
if(p2>z.c)break L23;
z.sd();
z.ins(z.c,z.c,"f");
r_lengthen_V();
break;
case 8:
if(p2>z.c)break L23;
z.sd();
z.ins(z.c,z.c,"g");
r_lengthen_V();
break;
case 9:
if(p1>z.c)break L23;
if(!r_C())break L23;
z.sf("t");
break;
case 10:
if(p1>z.c)break L23;
if(!r_C())break L23;
z.sf("d");
break;
}
stemmed=true;
}
z.c=z.l-v10;
let v12=z.l-z.c;
L26:{
L27:{
let v13=z.l-z.c;
L28:{
z.ket=z.c;
a=z.fab(A_4);
if(!a)break L28;
z.bra=z.c;
switch(a){
case 1:
if(p1>z.c)break L28;
z.sf("ie");
break;
case 2:
if(p1>z.c)break L28;
z.sf("eer");
break;
case 3:
if(p1>z.c)break L28;
z.sd();
break;
case 4:
if(p1>z.c)break L28;
if(!r_V())break L28;
z.sf("n");
break;
case 5:
if(p1>z.c)break L28;
if(!r_V())break L28;
z.sf("l");
break;
case 6:
if(p1>z.c)break L28;
if(!r_V())break L28;
z.sf("r");
break;
case 7:
if(p1>z.c)break L28;
z.sf("teer");
break;
case 8:
if(p1>z.c)break L28;
z.sf("lijk");
break;
case 9:
if(p1>z.c)break L28;
if(!r_C())break L28;
z.sd();
r_lengthen_V();
break;
}
break L27;
}
z.c=z.l-v13;
z.ket=z.c;
if(!z.fab(A_5))break L26;
z.bra=z.c;
if(p1>z.c)break L26;
let v14=z.l-z.c;
L29:{
if(!z.eqb("inn"))break L29;
if(z.c>z.lb)break L29;
break L26;
}
z.c=z.l-v14;
if(!r_C())break L26;
z.sd();
r_lengthen_V();
}
stemmed=true;
}
z.c=z.l-v12;
z.c=z.lb;
GE_removed=false;
let v15=z.c;
L30:{
let v16=z.c;
z.bra=z.c;
if(!z.eq("ge"))break L30;
z.ket=z.c;
let v17=z.c;
if(!z.hop(3))break L30;
z.c=v17;
let v18=z.c;
G31:for(;;){
let v19=z.c;
L32:{
L33:{
L34:{
if(!z.eq("ij"))break L34;
break L33;
}
if(!z.ig(G_v))break L32;
}
break G31;
}
z.c=v19;
if(z.c>=z.l)break L30;
z.nc();
}
R35:for(;;){
let v20=z.c;
L36:{
L37:{
L38:{
if(!z.eq("ij"))break L38;
break L37;
}
if(!z.ig(G_v))break L36;
}
continue R35;
}
z.c=v20;
break R35;
}
if(z.c>=z.l)break L30;
z.c=v18;
a=z.fa(A_9);;
switch(a){
case 1:break L30;
}
GE_removed=true;
z.sd();
let v21=z.c;
L39:{
z.bra=z.c;
a=z.fa(A_10);
if(!a)break L39;
z.ket=z.c;
switch(a){
case 1:z.sf("e");break;
case 2:z.sf("i");break;
}
}
z.c=v21;
z.c=v16;
r_measure();
}
z.c=v15;
z.lb=z.c;
z.c=z.l;
let v22=z.l-z.c;
L40:{
if(!GE_removed)break L40;
stemmed=true;
if(!r_Step_1c())break L40;
}
z.c=z.l-v22;
z.c=z.lb;
GE_removed=false;
let v23=z.c;
L41:{
let v24=z.c;
if(z.c>=z.l)break L41;
z.nc();
G42:for(;;){
L43:{
z.bra=z.c;
if(!z.eq("ge"))break L43;
z.ket=z.c;
break G42;
}
if(z.c>=z.l)break L41;
z.nc();
}
let v25=z.c;
if(!z.hop(3))break L41;
z.c=v25;
let v26=z.c;
G44:for(;;){
let v27=z.c;
L45:{
L46:{
L47:{
if(!z.eq("ij"))break L47;
break L46;
}
if(!z.ig(G_v))break L45;
}
break G44;
}
z.c=v27;
if(z.c>=z.l)break L41;
z.nc();
}
R48:for(;;){
let v28=z.c;
L49:{
L50:{
L51:{
if(!z.eq("ij"))break L51;
break L50;
}
if(!z.ig(G_v))break L49;
}
continue R48;
}
z.c=v28;
break R48;
}
if(z.c>=z.l)break L41;
z.c=v26;
GE_removed=true;
z.sd();
let v29=z.c;
L52:{
z.bra=z.c;
a=z.fa(A_11);
if(!a)break L52;
z.ket=z.c;
switch(a){
case 1:z.sf("e");break;
case 2:z.sf("i");break;
}
}
z.c=v29;
z.c=v24;
r_measure();
}
z.c=v23;
z.lb=z.c;
z.c=z.l;
let v30=z.l-z.c;
L53:{
if(!GE_removed)break L53;
stemmed=true;
if(!r_Step_1c())break L53;
}
z.c=z.l-v30;
z.c=z.lb;
z.lb=z.c;
z.c=z.l;
let v31=z.l-z.c;
L54:{
z.ket=z.c;
a=z.fab(A_6);
if(!a)break L54;
z.bra=z.c;
switch(a){
case 1:z.sf("k");break;
case 2:z.sf("f");break;
case 3:z.sf("p");break;
}
stemmed=true;
}
z.c=z.l-v31;
let v32=z.l-z.c;
L55:{
if(!stemmed)break L55;
z.ket=z.c;
a=z.fab(A_7);
if(!a)break L55;
z.bra=z.c;
switch(a){
case 1:z.sf("b");break;
case 2:z.sf("c");break;
case 3:z.sf("d");break;
case 4:z.sf("f");break;
case 5:z.sf("g");break;
case 6:z.sf("h");break;
case 7:z.sf("j");break;
case 8:z.sf("k");break;
case 9:z.sf("l");break;
case 10:z.sf("m");break;
case 11:{
let v33=z.l-z.c;
L56:{
if(!z.eqb("i"))break L56;
if(z.c>z.lb)break L56;
break L55;
}
z.c=z.l-v33;
z.sf("n");
}break;
case 12:z.sf("p");break;
case 13:z.sf("q");break;
case 14:z.sf("r");break;
case 15:z.sf("s");break;
case 16:z.sf("t");break;
case 17:z.sf("v");break;
case 18:z.sf("w");break;
case 19:z.sf("x");break;
case 20:z.sf("z");break;
}
}
z.c=z.l-v32;
z.c=z.lb;
return z.s}

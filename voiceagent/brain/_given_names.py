"""Common given names, as general knowledge: "brad", "kelly", "luis" are people.

A real model knows that "is brad around" asks for a person and "looking for
commercial insurance" does not, even in lowercase speech-to-text. This table is
that knowledge for the offline brain: common first names in the United States,
English and Spanish, with their usual short forms. It is not the agency's staff
directory (the brain never reads configuration); staff with rarer names are
still heard when the caller's phrasing or capitals make the request plain.

Names that are also everyday words on an insurance call ("bill", "mark", "chase",
"miles", "van", "will", "price", "storm") are left out: alone they prove nothing.
"""

from __future__ import annotations

from voiceagent.brain._lexicon import word_set

__all__ = ["GIVEN_NAMES"]

GIVEN_NAMES = word_set(
    """
    aaron abby abigail adam adan adrian adriana adrienne agnes aidan aiden aileen al alan alana
    albert alberto alec alejandra alejandro alex alexa alexander alexandra alexis alfonso alfred
    alfredo ali alice alicia alisha alison allan allen allison alma alondra alvaro alyssa amanda
    amelia amir amy ana anastasia andre andrea andres andrew andy angela angelica angelina
    angie anita ann anna anne annette annie anthony antonio ariana ariel arlene armando
    arnold arthur arturo ashley ashton aubrey audrey austin ava avery barbara beatriz becky
    belinda ben benjamin bernard bernardo bernice beth bethany betty beverly bianca blake bobby
    bonnie brad bradley brady brandon brenda brendan brent brett brian briana brianna bridget
    brittany brooke bruce bryan caleb camila camille candace carina carl carla carlos carly
    carmen carol caroline carolyn carrie cassandra catalina catherine cathy cecilia
    celeste cesar chad charles charlene charlie charlotte chelsea cheryl chris christina
    christine christopher christy cindy claire clara claudia clayton cody colin colleen connie
    connor conrad courtney craig cristian cristina curtis cynthia
    damian dan dana daniel daniela danielle danny darlene darnell darren darryl dave david
    deanna debbie debi debora deborah debra deb denise dennis derek derrick desiree devin diana
    diane diego dolores dominic don donald donna dora doris dorothy doug douglas duane dustin
    dwayne dylan earl ed eddie edgar eduardo edward edwin eileen elaine elena eli elias elijah
    elisa elizabeth ella ellen elliot elsa emilio emily emma enrique eric erica erik erika erin
    ernest ernesto esperanza esteban estela esther ethan eugene eva evan evelyn fabian fatima
    felicia felipe felix fernando fiona florence frances francesca francis francisco frankie
    fred freddie freddy frederick gabriel gabriela gabriella gail gary gavin geoffrey
    george gerald geraldine gerardo gilbert gina gloria gordon graham greg gregory
    guadalupe guillermo gustavo gwen hailey haley hannah harold harry hector heidi helen henry
    herbert hernan hilda howard hugo ian irene isaac isabel isabella isaiah ismael ivan jackie
    jacob jacqueline jaime jake jamal james jamie jane janet janice jared jasmine jason javier
    jay jayden jeanette jeff jeffrey jenna jennifer jenny jeremy jerome jerry jesse jessica
    jesus jill jim jimmy jo joan joann joanna joanne joaquin jocelyn jodi joe joel joey john
    johnny jon jonathan jordan jorge jose josefina joseph josh joshua joyce juan juana
    juanita judith judy julia julian juliana julie julio justin kaitlyn karen kari karina karl
    kate katelyn katherine kathleen kathryn kathy katie kayla keisha keith kelli kellie kelly
    ken kendra kenneth kenny kerry kevin kim kimberly kristen kristin kristina kurt kyle lamar
    lance larry latoya laura lauren laurie leah leonard leonardo leslie leticia lewis liam
    lillian linda lindsay lindsey lisa liz lizbeth logan lois lorena lorenzo lori lorraine louie
    louis lucas lucia lucy luis luisa luke luz lydia lynn madeline madison maggie malik mandy
    manuel marc marcela marcia marco marcos marcus margaret margarita maria mariah marian
    mariana marie marilyn mario marisol marissa marjorie marlene marsha martha martin marvin
    mary matt matthew maureen maurice maya megan melanie melinda melissa melvin mercedes
    meredith mia michael michele michelle miguel mike mildred mindy miranda miriam mitchell
    molly monica monique morgan nadia nancy naomi natalia natalie nathan nathaniel neil nelson
    nicholas nick nicole nina noah noel nora norma norman olga oliver olivia omar oscar
    pablo pam pamela paola patricia patrick paul paula paulina pedro peggy pete peter philip
    phillip phyllis priscilla rachel rafael ralph ramiro ramon randall randy raquel raul ray
    raymond rebecca regina renee ricardo richard rick ricky rita robert roberta
    roberto robin rodney rodrigo roger roland ronald ronnie rosa rosalind rosario rosemary ross
    roxanne roy ruben russell ruth ryan sabrina sally sam samantha samuel sandra sara sarah
    scott sean sergio seth shane shannon sharon shawn sheila shelby shelly sheree sherri
    shirley sidney silvia simon sofia sonia sophia stacey stacy stanley stephanie stephen steph
    steve steven susan suzanne sylvia tamara tammy tanya tara teresa terrence terri terry
    theodore theresa thomas tiffany tim timothy tina todd tom tommy toni tony tracy travis trevor
    troy tyler tyrone valerie vanessa vernon veronica vicki vicky victor victoria vincent
    vivian walter wanda warren wayne wendy wesley whitney william willie xavier
    yesenia yolanda yvette yvonne zachary zoe
    """
)
"""Lowercase given names, and the short forms callers use ("steph", "louie")."""
